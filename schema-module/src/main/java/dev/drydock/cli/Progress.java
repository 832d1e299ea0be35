package dev.drydock.cli;

import java.io.PrintWriter;

/**
 * Progress of long steps on stderr, only when stderr is a terminal (or when forced): one line per
 * step, rewritten in place while it runs. Silent when piped, so scripts see only the result.
 */
final class Progress {
  private final PrintWriter err;
  private final boolean enabled;
  private String step;
  private long started;

  Progress(PrintWriter err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  static boolean isTerminal() {
    return System.console() != null;
  }

  void start(String step) {
    this.step = step;
    this.started = System.nanoTime();
    if (enabled) {
      err.print("\r\033[K" + step + " …");
      err.flush();
    }
  }

  void update(String detail) {
    if (enabled && step != null) {
      err.print("\r\033[K" + step + " … " + detail);
      err.flush();
    }
  }

  /** A line of its own, e.g. a phase of a workflow that reports its own steps. */
  void note(String line) {
    if (enabled) {
      err.print("\r\033[K" + line + "\n");
      err.flush();
    }
  }

  /** A line that is always shown (a discarded cache entry): not only on a terminal. */
  void warn(String line) {
    err.print((enabled ? "\r\033[K" : "") + line + "\n");
    err.flush();
  }

  void done() {
    if (enabled && step != null) {
      long ms = (System.nanoTime() - started) / 1_000_000;
      err.print("\r\033[K" + step + " … done (" + ms + " ms)\n");
      err.flush();
    }
    step = null;
  }
}
