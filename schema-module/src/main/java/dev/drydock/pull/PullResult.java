package dev.drydock.pull;

import java.util.List;
import java.util.Optional;

/**
 * What {@link Pull#run()} found.
 *
 * @param baseline true when there were no migrations: the migration is the whole live schema
 * @param database the live database, as displayed (no password)
 * @param migration the migration to write; empty when the migrations already match the database, or
 *     when every statement would be a commented-out destructive one (see {@code destructive})
 * @param changes per object kind, what the migration creates, drops and alters
 * @param destructive how many statements drop objects or may lose data
 * @param destructiveWritten whether those statements are written as SQL (else as comments)
 * @param manual how many changes are described as {@code -- MANUAL:} comments only
 * @param notPulled what {@code pull} cannot reproduce (the list {@code diff} does not compare)
 */
public record PullResult(
    boolean baseline,
    String database,
    Optional<PulledMigration> migration,
    List<ObjectChanges> changes,
    int destructive,
    boolean destructiveWritten,
    int manual,
    List<String> notPulled) {

  public PullResult {
    changes = List.copyOf(changes);
    notPulled = List.copyOf(notPulled);
  }

  /**
   * True when there is no migration to write: the migrations already produce the live database's
   * schema, or they differ only by destructive changes that are not allowed.
   */
  public boolean nothingToPull() {
    return migration.isEmpty();
  }
}
