package dev.drydock.lifecycle;

import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The one answer to "is the JVM shutting down?" (Ctrl-C, SIGTERM, {@code System.exit}): what fails
 * then is the interrupt's consequence, not a fault to report.
 *
 * <p>Which signal began a shutdown is recorded before the shutdown starts ({@link #exitOnSignals}),
 * so the exit code is the interruption's (128 + the signal) however the race between the failing
 * command and the shutdown hooks ends: the hooks stop servers and delete staging directories while
 * the command still runs, so the command fails because of them, and without the record the first of
 * {@code System.exit(2)} and the signal's own exit won.
 */
public final class JvmShutdown {

  private static final AtomicInteger SIGNAL = new AtomicInteger();

  private JvmShutdown() {}

  /**
   * For the CLI's {@code main}: SIGINT and SIGTERM record themselves, then exit with 128 + their
   * number, as the JVM's own handlers do. A signal the process ignores (a background job's SIGINT)
   * stays ignored.
   */
  public static void exitOnSignals() {
    for (String name : new String[] {"INT", "TERM"}) {
      try {
        Signal signal = new Signal(name);
        SignalHandler previous = Signal.handle(signal, JvmShutdown::signalled);
        if (previous == SignalHandler.SIG_IGN) {
          Signal.handle(signal, SignalHandler.SIG_IGN);
        }
      } catch (IllegalArgumentException unavailable) {
        // the JVM keeps its own handler (e.g. -Xrs): its exit code is the same
      }
    }
  }

  private static void signalled(Signal signal) {
    SIGNAL.compareAndSet(0, signal.getNumber());
    System.exit(128 + signal.getNumber());
  }

  /** 128 + the signal that began the shutdown, once one has. */
  public static OptionalInt signalExitCode() {
    int signal = SIGNAL.get();
    return signal == 0 ? OptionalInt.empty() : OptionalInt.of(128 + signal);
  }

  /**
   * The code to exit with: {@code code}, unless a signal began the shutdown, whose code then wins
   * (whatever the command returned failed because of the shutdown, or finished too late to count).
   */
  public static int exitCode(int code) {
    return signalExitCode().orElse(code);
  }

  /**
   * True once the JVM has begun its shutdown sequence, or a signal is about to begin it. Exact,
   * with no hook of its own: the runtime refuses new shutdown hooks from that moment on.
   */
  public static boolean inProgress() {
    if (SIGNAL.get() != 0) {
      return true;
    }
    Thread probe = new Thread(() -> {}, "drydock-shutdown-probe");
    try {
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException shuttingDown) {
      return true;
    }
  }
}
