package dev.drydock.migrate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.api.FlywayException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Turns Flyway's multi-line errors into one line naming file, line and PostgreSQL's message. */
final class MigrationFailures {

  /** SQLState of {@code lock_timeout}: lock not available. */
  static final String LOCK_NOT_AVAILABLE = "55P03";

  private MigrationFailures() {}

  /**
   * {@code V2__posts.sql:7: ERROR: syntax error at or near "TABEL" (SQLState 42601)}; {@code
   * locate} gives the file's path under its location.
   */
  static MigrationException translate(
      FlywayException e, Function<String, Path> locate, List<Path> files, Duration lockTimeout) {
    FlywayInternals.ScriptFailure script = FlywayInternals.scriptFailure(e).orElse(null);
    if (script == null) {
      return withoutScript(e, files);
    }
    String file = script.file();
    SQLException sql = script.cause();
    int line = script.line();
    String state = sql == null ? null : sql.getSQLState();
    String pgMessage = firstLine(sql == null ? e.getMessage() : sql.getMessage());
    if (sql instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
      ServerErrorMessage server = psql.getServerErrorMessage();
      pgMessage = server.getSeverity() + ": " + server.getMessage();
      line = lineOfPosition(script.statement(), line, server.getPosition());
    }
    if (lockTimeout != null && LOCK_NOT_AVAILABLE.equals(state)) {
      pgMessage =
          "waited longer than "
              + describe(lockTimeout)
              + " for a lock on the throwaway database and gave up, in: "
              + head(script.statement())
              + " (nothing else runs there: the migration waits on itself, or on a session it"
              + " left open)";
    }
    String message =
        (file == null ? "migration" : file)
            + ":"
            + line
            + ": "
            + pgMessage
            + (state == null ? "" : " (SQLState " + state + ")");
    return new MigrationException(
        message, file, line, state, file == null ? null : locate.apply(file), e);
  }

  /**
   * A failure Flyway reports without its file, e.g. a migration that mixes transactional and
   * non-transactional statements ("Offending statement found at line 2: ..."), found before the
   * migration starts: the file is the one migration that has that statement on that line.
   */
  private static MigrationException withoutScript(FlywayException e, List<Path> files) {
    String message = oneLine(e.getMessage());
    Matcher offending = OFFENDING.matcher(message);
    if (offending.find()) {
      int line = Integer.parseInt(offending.group(1));
      String statement = offending.group(2).strip();
      List<Path> having = new ArrayList<>();
      for (Path file : files) {
        try {
          List<String> lines = Files.readAllLines(file);
          if (lines.size() >= line && sameStart(lines.get(line - 1), statement)) {
            having.add(file);
          }
        } catch (IOException | java.io.UncheckedIOException unreadable) {
          // not the one: Flyway read it, or failed on it with its own message
        }
      }
      if (having.size() == 1) {
        Path file = having.get(0);
        String name = file.getFileName().toString();
        return new MigrationException(
            name + ":" + line + ": " + message, name, line, null, file, e);
      }
    }
    return new MigrationException(message, null, 0, null, e);
  }

  /** True when a file's line and Flyway's statement text begin alike (the line may end in ;). */
  private static boolean sameStart(String fileLine, String statement) {
    String a = fileLine.strip();
    a = a.endsWith(";") ? a.substring(0, a.length() - 1).strip() : a;
    int n = Math.min(Math.min(a.length(), statement.length()), 60);
    return n > 0 && a.regionMatches(0, statement, 0, n);
  }

  private static final Pattern OFFENDING =
      Pattern.compile("Offending statement found at line (\\d+): (.*)$");

  /** {@code 2 s}, {@code 500 ms}. */
  static String describe(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  /** The statement's first line from its first token, at most 80 characters. */
  static String head(String statement) {
    if (statement == null) {
      return "?";
    }
    String s = statement.substring(firstToken(statement)).strip();
    int nl = s.indexOf('\n');
    s = nl < 0 ? s : s.substring(0, nl).strip() + " ...";
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
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

  /**
   * Flyway's message in one line that keeps what names the culprit: the offending files of a
   * duplicate version, and the CLI's and the goal's way to adopt a database without history.
   */
  static String oneLine(String message) {
    String first = firstLine(message);
    if (message != null && message.contains("Offenders:")) {
      List<String> offenders = new ArrayList<>();
      for (String line : message.split("\\R")) {
        String t = line.strip();
        if (t.startsWith("->")) {
          offenders.add(t.substring(2).strip().replaceFirst(" \\(SQL\\)$", ""));
        }
      }
      return first + ": " + String.join(", ", offenders.stream().sorted().toList());
    }
    int noHistory = first.indexOf(" but no schema history table");
    if (noHistory >= 0) {
      return first.substring(0, noHistory + " but no schema history table".length())
          + ": the database already has objects but no Flyway history; adopt it with"
          + " `drydock migrate --baseline-version N` (goal: flywayConfiguration baselineVersion=N,"
          + " baselineOnMigrate=true), N being the last migration it already has";
    }
    return first;
  }

  static String firstLine(String message) {
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
}
