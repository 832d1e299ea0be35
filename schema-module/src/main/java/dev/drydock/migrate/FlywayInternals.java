package dev.drydock.migrate;

import dev.drydock.lifecycle.JvmShutdown;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.info.MigrationInfoImpl;
import org.flywaydb.core.internal.logging.slf4j.Slf4jLogCreator;
import org.flywaydb.core.internal.parser.ParsingContext;
import org.flywaydb.core.internal.resolver.ChecksumCalculator;
import org.flywaydb.core.internal.resource.ResourceName;
import org.flywaydb.core.internal.resource.ResourceNameParser;
import org.flywaydb.core.internal.resource.StringResource;
import org.flywaydb.core.internal.scanner.Scanner;
import org.flywaydb.core.internal.sqlscript.FlywaySqlScriptException;
import org.flywaydb.core.internal.sqlscript.SqlScriptMetadata;
import org.flywaydb.core.internal.sqlscript.SqlStatementIterator;
import org.flywaydb.database.postgresql.PostgreSQLParser;

/**
 * The one adapter to Flyway's {@code internal} classes: nothing else in Drydock imports them, so a
 * Flyway upgrade that moves them breaks this file only.
 */
public final class FlywayInternals {

  private FlywayInternals() {}

  /**
   * One statement of a SQL script as Flyway's PostgreSQL parser splits it.
   *
   * @param line 1-based line of its first token in the script
   * @param sql its text, without the delimiter
   * @param canRunInTransaction false for statements such as {@code CREATE INDEX CONCURRENTLY}
   */
  public record ScriptStatement(int line, String sql, boolean canRunInTransaction) {}

  /**
   * Splits {@code script} into statements exactly as Flyway would run it as a migration (dollar
   * quotes, {@code BEGIN ATOMIC} bodies, comments), without replacing placeholders.
   */
  public static List<ScriptStatement> statements(String script) {
    PostgreSQLParser parser =
        new PostgreSQLParser(
            Flyway.configure(FlywayInternals.class.getClassLoader()).placeholderReplacement(false),
            new ParsingContext());
    List<ScriptStatement> out = new ArrayList<>();
    try (SqlStatementIterator it = parser.parse(new StringResource(script))) {
      while (it.hasNext()) {
        org.flywaydb.core.internal.sqlscript.SqlStatement s = it.next();
        out.add(new ScriptStatement(s.getLineNumber(), s.getSql(), s.canExecuteInTransaction()));
      }
    }
    return out;
  }

  /** Where a failing SQL statement is: file name, 1-based line of its first token, its text. */
  record ScriptFailure(String file, int line, String statement, SQLException cause) {}

  /** The script failure inside {@code failure}, if Flyway reported one. */
  static Optional<ScriptFailure> scriptFailure(Throwable failure) {
    for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof FlywaySqlScriptException script) {
        String file = script.getResource() == null ? null : script.getResource().getFilename();
        SQLException sql = null;
        for (Throwable s = script; s != null; s = s.getCause() == s ? null : s.getCause()) {
          if (s instanceof SQLException e) {
            sql = e;
            break;
          }
        }
        return Optional.of(
            new ScriptFailure(file, script.getLineNumber(), script.getStatement(), sql));
      }
    }
    return Optional.empty();
  }

  /**
   * The applied and the file's description when they differ. Flyway's own {@code
   * isDescriptionMatching()} never compares (its resolved description is null).
   */
  static Optional<String[]> descriptionChange(MigrationInfo m) {
    if (m instanceof MigrationInfoImpl impl
        && impl.getAppliedMigration() != null
        && impl.getResolvedMigration() != null
        && !impl.getAppliedMigration()
            .getDescription()
            .equals(impl.getResolvedMigration().getDescription())) {
      return Optional.of(
          new String[] {
            impl.getAppliedMigration().getDescription(),
            impl.getResolvedMigration().getDescription()
          });
    }
    return Optional.empty();
  }

  /** The file a migration was resolved from, if it has one (applied rows keep an old name). */
  static Optional<String> resolvedScript(MigrationInfo m) {
    if (m instanceof MigrationInfoImpl impl && impl.getResolvedMigration() != null) {
      return Optional.ofNullable(impl.getResolvedMigration().getScript());
    }
    return Optional.empty();
  }

  /**
   * Every file under the configured locations as Flyway's own scanner and name parser see them
   * (suffixes matched ignoring case, symbolic links followed, {@code .conf} files parsed by
   * Flyway): one entry per resource, in the scanner's order. What {@link ResolvedMigrations} is
   * made of.
   */
  static List<ResolvedMigrations.Scanned> scan(Configuration flyway) {
    Scanner<JavaMigration> scanner =
        new Scanner<>(JavaMigration.class, flyway, flyway.getLocations());
    ResourceNameParser parser = new ResourceNameParser(flyway);
    Set<LoadableResource> withSuffix = Collections.newSetFromMap(new IdentityHashMap<>());
    withSuffix.addAll(scanner.getResources("", flyway.getSqlMigrationSuffixes()));
    boolean utf8 = flyway.getEncoding().name().equals("UTF-8");
    List<ResolvedMigrations.Scanned> all = new ArrayList<>();
    for (LoadableResource resource : scanner.getResources("", "")) {
      Path file = Path.of(resource.getAbsolutePathOnDisk());
      if (!withSuffix.contains(resource)) {
        all.add(ResolvedMigrations.Scanned.other(file, resource.getRelativePath(), null));
        continue;
      }
      ResourceName name = parser.parse(resource.getFilename());
      if (!name.isValid()) {
        all.add(
            ResolvedMigrations.Scanned.invalid(
                file, resource.getRelativePath(), name.getValidityMessage()));
        continue;
      }
      ResolvedMigrations.Kind kind;
      if (isEvent(name.getPrefix())) {
        kind = ResolvedMigrations.Kind.CALLBACK;
      } else if (name.getPrefix().equals(flyway.getSqlMigrationPrefix())) {
        kind = ResolvedMigrations.Kind.VERSIONED;
      } else if (name.getPrefix().equals(flyway.getRepeatableSqlMigrationPrefix())) {
        kind = ResolvedMigrations.Kind.REPEATABLE;
      } else {
        kind = ResolvedMigrations.Kind.BASELINE;
      }
      if (utf8) {
        // V1__x.sql is not valid UTF-8 at byte 17, rather than Flyway's checksum failure
        Utf8Files.require(file);
      }
      LoadableResource conf = SqlScriptMetadata.getMetadataResource(scanner, resource);
      SqlScriptMetadata metadata = SqlScriptMetadata.fromResource(conf, null, flyway);
      boolean inTransaction =
          metadata.executeInTransaction() == null || metadata.executeInTransaction();
      all.add(
          new ResolvedMigrations.Scanned(
              kind,
              file,
              resource.getRelativePath(),
              name.getVersion() == null ? null : name.getVersion().getVersion(),
              name.getDescription(),
              conf == null ? null : Path.of(conf.getAbsolutePathOnDisk()),
              ChecksumCalculator.calculate(resource),
              inTransaction,
              null));
    }
    return all;
  }

  private static boolean isEvent(String prefix) {
    try {
      return Event.fromId(prefix) != null;
    } catch (IllegalArgumentException notAnEvent) {
      return false;
    }
  }

  /** Set while Flyway runs with the repeatable migrations hidden from it on purpose. */
  private static final ThreadLocal<Boolean> HIDING_REPEATABLES =
      ThreadLocal.withInitial(() -> false);

  /**
   * Runs {@code work} (a migrate with the repeatable prefix changed so Flyway sees none) without
   * Flyway's notice that the hidden files "did not follow the filename convention": they do.
   */
  static <T> T hidingRepeatables(java.util.function.Supplier<T> work) {
    HIDING_REPEATABLES.set(true);
    try {
      return work.get();
    } finally {
      HIDING_REPEATABLES.set(false);
    }
  }

  /**
   * Flyway's slf4j logging, silent once the JVM is shutting down: a migration cut off by Ctrl-C
   * fails with "connection has been closed" errors and stack traces that are no news to whoever
   * pressed it. Flyway instantiates this class by name ({@code loggers}).
   */
  public static final class QuietLogCreator implements LogCreator {

    private final LogCreator slf4j = new Slf4jLogCreator();

    @Override
    public Log createLogger(Class<?> type) {
      Log log = slf4j.createLogger(type);
      boolean namingNotices = type.getSimpleName().equals("ResourceNameValidator");
      return new Log() {
        @Override
        public boolean isDebugEnabled() {
          return log.isDebugEnabled() && !JvmShutdown.inProgress();
        }

        @Override
        public void debug(String message) {
          if (log.isDebugEnabled() && !JvmShutdown.inProgress()) {
            log.debug(message);
          }
        }

        @Override
        public void info(String message) {
          if (!JvmShutdown.inProgress() && !(namingNotices && HIDING_REPEATABLES.get())) {
            log.info(message);
          }
        }

        @Override
        public void warn(String message) {
          if (!JvmShutdown.inProgress()) {
            log.warn(message);
          }
        }

        @Override
        public void error(String message) {
          if (!JvmShutdown.inProgress()) {
            log.error(message);
          }
        }

        @Override
        public void error(String message, Exception e) {
          if (!JvmShutdown.inProgress()) {
            log.error(message, e);
          }
        }

        @Override
        public void notice(String message) {
          if (!JvmShutdown.inProgress()) {
            log.notice(message);
          }
        }
      };
    }
  }
}
