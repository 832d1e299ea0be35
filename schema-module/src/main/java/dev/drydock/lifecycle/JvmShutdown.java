package dev.drydock.lifecycle;

/**
 * The one answer to "is the JVM shutting down?" (Ctrl-C, SIGTERM, {@code System.exit}): what fails
 * then is the interrupt's consequence, not a fault to report.
 */
public final class JvmShutdown {

  private JvmShutdown() {}

  /**
   * True once the JVM has begun its shutdown sequence. Exact, with no hook of its own: the runtime
   * refuses new shutdown hooks from that moment on.
   */
  public static boolean inProgress() {
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
