package dev.drydock.maven;

import org.apache.maven.plugin.logging.Log;

/**
 * While a goal works on a throwaway database: a shutdown hook that says, in one line, that the
 * build was interrupted (Ctrl-C, SIGTERM). Maven's own report of the goal's failure comes too late
 * to count on: the JVM halts as soon as the shutdown hooks (which stop the server and delete the
 * staging directory) are done, often before Maven prints anything, so the hook says it.
 */
final class InterruptNotice implements AutoCloseable {

  /** The line, logged once at error level. */
  static final String LINE =
      "[drydock] Interrupted: the JVM is exiting; the throwaway database and temporary files are"
          + " being removed";

  private final Thread hook;

  private InterruptNotice(Log log) {
    this.hook = new Thread(() -> log.error(LINE), "drydock-interrupt-notice");
  }

  /** Registers the hook until {@link #close()}; none when the JVM is already exiting. */
  static InterruptNotice register(Log log) {
    InterruptNotice notice = new InterruptNotice(log);
    try {
      Runtime.getRuntime().addShutdownHook(notice.hook);
    } catch (IllegalStateException shuttingDown) {
      // too late for a hook: the goal's failure is all Maven may print
    }
    return notice;
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs or has run
    }
  }
}
