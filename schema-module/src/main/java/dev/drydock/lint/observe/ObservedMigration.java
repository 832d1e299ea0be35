package dev.drydock.lint.observe;

import java.nio.file.Path;
import java.util.List;

/**
 * One new migration as applied on the throwaway: its statements in order.
 *
 * @param script the script name as Flyway reports it, e.g. {@code V3__add_email.sql}
 * @param file the file
 * @param transactional true when Flyway ran it in one transaction
 */
public record ObservedMigration(
    String script, Path file, boolean transactional, List<ObservedStatement> statements) {

  public ObservedMigration {
    statements = List.copyOf(statements);
  }
}
