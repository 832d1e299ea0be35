package dev.drydock.lint.rules;

import java.nio.file.Path;
import java.util.List;

/**
 * One thing a new migration will do to production.
 *
 * @param rule the rule's id
 * @param script the migration, as Flyway names it
 * @param file the migration file
 * @param line 1-based line of the statement (0: the file as a whole)
 * @param statement the statement's first line ({@code ""} for the file as a whole)
 * @param relations the existing relations concerned, {@code schema.name}
 */
public record Finding(
    String rule,
    Severity severity,
    String message,
    String script,
    Path file,
    int line,
    String statement,
    List<String> relations) {

  public Finding {
    relations = List.copyOf(relations);
  }

  /** {@code V3__x.sql:12}. */
  public String where() {
    return file.getFileName() + (line > 0 ? ":" + line : "");
  }
}
