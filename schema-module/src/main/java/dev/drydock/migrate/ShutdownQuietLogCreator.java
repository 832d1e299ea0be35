package dev.drydock.migrate;

import java.util.concurrent.atomic.AtomicBoolean;
import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;
import org.flywaydb.core.internal.logging.slf4j.Slf4jLogCreator;

/**
 * Flyway's slf4j logging, silent once the JVM is shutting down: a migration cut off by Ctrl-C fails
 * with "connection has been closed" errors and stack traces that are no news to whoever pressed it.
 * Flyway instantiates this class by name ({@code loggers}).
 */
public final class ShutdownQuietLogCreator implements LogCreator {

  private static final AtomicBoolean SHUTTING_DOWN = new AtomicBoolean();

  static {
    try {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(() -> SHUTTING_DOWN.set(true), "drydock-flyway-log-shutdown"));
    } catch (IllegalStateException alreadyShuttingDown) {
      SHUTTING_DOWN.set(true);
    }
  }

  private final LogCreator slf4j = new Slf4jLogCreator();

  @Override
  public Log createLogger(Class<?> type) {
    Log log = slf4j.createLogger(type);
    return new Log() {
      @Override
      public boolean isDebugEnabled() {
        return !SHUTTING_DOWN.get() && log.isDebugEnabled();
      }

      @Override
      public void debug(String message) {
        if (!SHUTTING_DOWN.get()) {
          log.debug(message);
        }
      }

      @Override
      public void info(String message) {
        if (!SHUTTING_DOWN.get()) {
          log.info(message);
        }
      }

      @Override
      public void warn(String message) {
        if (!SHUTTING_DOWN.get()) {
          log.warn(message);
        }
      }

      @Override
      public void error(String message) {
        if (!SHUTTING_DOWN.get()) {
          log.error(message);
        }
      }

      @Override
      public void error(String message, Exception e) {
        if (!SHUTTING_DOWN.get()) {
          log.error(message, e);
        }
      }

      @Override
      public void notice(String message) {
        if (!SHUTTING_DOWN.get()) {
          log.notice(message);
        }
      }
    };
  }
}
