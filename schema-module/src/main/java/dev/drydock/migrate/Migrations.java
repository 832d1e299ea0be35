package dev.drydock.migrate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.internal.sqlscript.FlywaySqlScriptException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The project's Flyway migrations: where they are and how Flyway is configured for them. Immutable;
 * build with {@link #configure()}:
 *
 * <pre>{@code
 * Migrations migrations = Migrations.configure().location(Path.of("migrations")).build();
 * MigrationSummary summary = migrations.migrate(dataSource);
 * }</pre>
 *
 * Errors come out as a {@link MigrationException} that names the file and line.
 */
public final class Migrations {

  /** Flyway's default history table, which Drydock uses unless told otherwise (never compared). */
  public static final String DEFAULT_HISTORY_TABLE = "flyway_schema_history";

  private final List<Path> locations;
  private final List<String> schemas;
  private final Map<String, String> placeholders;
  private final String table;

  private Migrations(Builder b) {
    this.locations = List.copyOf(b.locations);
    this.schemas = List.copyOf(b.schemas);
    this.placeholders = Map.copyOf(b.placeholders);
    this.table = b.table;
  }

  public static Builder configure() {
    return new Builder();
  }

  public List<Path> locations() {
    return locations;
  }

  /** Schemas Flyway manages; the first holds the history table. Empty means Flyway's default. */
  public List<String> schemas() {
    return schemas;
  }

  public Map<String, String> placeholders() {
    return placeholders;
  }

  /** Name of Flyway's history table. */
  public String table() {
    return table;
  }

  /** Every SQL migration file under the locations, sorted by path: what a fingerprint covers. */
  public List<Path> files() {
    List<Path> files = new ArrayList<>();
    for (Path location : locations) {
      try (Stream<Path> walk = Files.walk(location)) {
        walk.filter(Files::isRegularFile)
            .filter(p -> p.getFileName().toString().endsWith(".sql"))
            .sorted()
            .forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  /** Flyway configured for these migrations on {@code dataSource}, for commands beyond migrate. */
  public FluentConfiguration flyway(DataSource dataSource) {
    FluentConfiguration config =
        Flyway.configure(Migrations.class.getClassLoader())
            .dataSource(dataSource)
            .locations(
                locations.stream()
                    .map(p -> "filesystem:" + p.toAbsolutePath())
                    .toArray(String[]::new))
            .failOnMissingLocations(true)
            .placeholders(placeholders)
            .table(table)
            .loggers(ShutdownQuietLogCreator.class.getName());
    if (!schemas.isEmpty()) {
      config.schemas(schemas.toArray(String[]::new)).createSchemas(true);
    }
    return config;
  }

  /** Checks the locations exist and hold at least one migration. */
  public void requireMigrations() {
    for (Path location : locations) {
      if (!Files.isDirectory(location)) {
        throw new MigrationException(
            "Migrations directory not found: " + location.toAbsolutePath(), null, 0, null, null);
      }
    }
    if (files().isEmpty()) {
      throw new MigrationException(
          "No migrations (*.sql) found in " + locations, null, 0, null, null);
    }
  }

  /** Applies pending migrations; failures name the file and line. */
  public MigrationSummary migrate(DataSource dataSource) {
    requireMigrations();
    try {
      MigrateResult result = flyway(dataSource).load().migrate();
      return new MigrationSummary(
          result.migrationsExecuted, result.initialSchemaVersion, result.targetSchemaVersion);
    } catch (FlywayException e) {
      throw translate(e);
    }
  }

  /** Turns Flyway's multi-line error into one line naming file, line and PostgreSQL's message. */
  public static MigrationException translate(FlywayException e) {
    FlywaySqlScriptException script = causeOf(e, FlywaySqlScriptException.class);
    if (script != null) {
      String file = script.getResource() == null ? null : script.getResource().getFilename();
      SQLException sql = causeOf(script, SQLException.class);
      int line = script.getLineNumber();
      String state = sql == null ? null : sql.getSQLState();
      String pgMessage = sql == null ? firstLine(script.getMessage()) : firstLine(sql.getMessage());
      if (sql instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
        ServerErrorMessage server = psql.getServerErrorMessage();
        pgMessage = server.getSeverity() + ": " + server.getMessage();
        line = lineOfPosition(script.getStatement(), line, server.getPosition());
      }
      String message =
          (file == null ? "migration" : file)
              + ":"
              + line
              + ": "
              + pgMessage
              + (state == null ? "" : " (SQLState " + state + ")");
      return new MigrationException(message, file, line, state, e);
    }
    return new MigrationException(firstLine(e.getMessage()), null, 0, null, e);
  }

  /**
   * The line of a 1-based character position inside a statement whose first token is on {@code
   * line}. Flyway's statement text starts with the comments before that token, so newlines are
   * counted from the first token on.
   */
  static int lineOfPosition(String statement, int line, int position) {
    if (statement == null || position <= 0 || line <= 0) {
      return line;
    }
    int end = Math.min(position - 1, statement.length());
    int extra = 0;
    for (int i = firstToken(statement); i < end; i++) {
      if (statement.charAt(i) == '\n') {
        extra++;
      }
    }
    return line + extra;
  }

  /** Index of the first character that is neither white space nor inside a leading comment. */
  static int firstToken(String sql) {
    int i = 0;
    while (i < sql.length()) {
      if (Character.isWhitespace(sql.charAt(i))) {
        i++;
      } else if (sql.startsWith("--", i)) {
        int nl = sql.indexOf('\n', i);
        i = nl < 0 ? sql.length() : nl + 1;
      } else if (sql.startsWith("/*", i)) {
        int close = sql.indexOf("*/", i + 2);
        i = close < 0 ? sql.length() : close + 2;
      } else {
        return i;
      }
    }
    return i;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    for (String line : message.split("\\R")) {
      String trimmed = line.strip();
      if (!trimmed.isEmpty() && !trimmed.chars().allMatch(c -> c == '-')) {
        return trimmed;
      }
    }
    return message.strip();
  }

  private static <T extends Throwable> T causeOf(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return null;
  }

  /** Fluent builder; every setter returns {@code this}. */
  public static final class Builder {
    private final List<Path> locations = new ArrayList<>();
    private final List<String> schemas = new ArrayList<>();
    private final Map<String, String> placeholders = new LinkedHashMap<>();
    private String table = DEFAULT_HISTORY_TABLE;

    private Builder() {}

    /** A directory of Flyway SQL migrations; may be given several times. */
    public Builder location(Path directory) {
      locations.add(Objects.requireNonNull(directory, "directory"));
      return this;
    }

    public Builder locations(List<Path> directories) {
      directories.forEach(this::location);
      return this;
    }

    public Builder schemas(List<String> names) {
      schemas.addAll(names);
      return this;
    }

    public Builder placeholder(String name, String value) {
      placeholders.put(name, value);
      return this;
    }

    public Builder placeholders(Map<String, String> values) {
      placeholders.putAll(values);
      return this;
    }

    public Builder table(String name) {
      this.table = Objects.requireNonNull(name, "table");
      return this;
    }

    public Migrations build() {
      if (locations.isEmpty()) {
        throw new IllegalStateException("No migration location configured");
      }
      return new Migrations(this);
    }
  }
}
