package dev.drydock.migrate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * The migration files in the order Flyway applies them to an empty database: versioned ones by
 * version, then the repeatables; with the callbacks beside them. What a migration snapshot's key is
 * made of. Each entry lists its files: the script and, when present, its {@code .conf}.
 *
 * <p>{@link #unknowable()} says why the order cannot be known from the files alone (Java migrations
 * or callbacks, a target, baseline migrations, ...): then no snapshot may be used.
 */
public final class MigrationChain {

  /**
   * A versioned migration: its version as Flyway prints it, its history name, its files and
   * Flyway's checksum (what the history row of an applied one holds).
   */
  public record Versioned(String version, String script, List<Path> files, int checksum) {}

  private final List<Versioned> versioned;
  private final List<Path> repeatables;
  private final List<Path> callbacks;
  private final Optional<String> unknowable;

  private MigrationChain(
      List<Versioned> versioned,
      List<Path> repeatables,
      List<Path> callbacks,
      Optional<String> unknowable) {
    this.versioned = List.copyOf(versioned);
    this.repeatables = List.copyOf(repeatables);
    this.callbacks = List.copyOf(callbacks);
    this.unknowable = unknowable;
  }

  /** The versioned migrations in the order Flyway applies them. */
  public List<Versioned> versioned() {
    return versioned;
  }

  /** The repeatable migrations' files (scripts and their {@code .conf}), by name. */
  public List<Path> repeatables() {
    return repeatables;
  }

  /** SQL callback files ({@code afterMigrate.sql}, ...), by name. */
  public List<Path> callbacks() {
    return callbacks;
  }

  /**
   * True when the versioned migrations can be applied apart from the rest: no callbacks (which run
   * once per migrate or around each migration), so stopping after version N and going on later
   * gives what one run gives.
   */
  public boolean splittable() {
    return callbacks.isEmpty() && unknowable.isEmpty();
  }

  /** Why the files alone do not tell what Flyway applies; empty when they do. */
  public Optional<String> unknowable() {
    return unknowable;
  }

  static MigrationChain of(ResolvedMigrations resolved, Migrations migrations) {
    Configuration flyway = migrations.flyway(null);
    Optional<String> unknowable = unknowable(flyway);
    List<Versioned> versioned = new ArrayList<>();
    for (ResolvedMigrations.Script v : resolved.versioned()) {
      if (v.kind() == ResolvedMigrations.Kind.BASELINE) {
        unknowable = unknowable.or(() -> Optional.of("baseline migration " + v.script()));
        continue;
      }
      versioned.add(new Versioned(v.version(), v.script(), v.files(), v.checksum()));
    }
    for (int i = 1; i < versioned.size(); i++) {
      if (versioned.get(i).version().equals(versioned.get(i - 1).version())) {
        unknowable = Optional.of("two migrations with version " + versioned.get(i).version());
      }
    }
    List<Path> repeatables = new ArrayList<>();
    resolved.repeatables().forEach(r -> repeatables.addAll(r.files()));
    List<Path> callbacks = new ArrayList<>();
    resolved.callbacks().forEach(c -> callbacks.addAll(c.files()));
    return new MigrationChain(versioned, repeatables, callbacks, unknowable);
  }

  private static Optional<String> unknowable(Configuration flyway) {
    if (flyway.getTarget() != null && !flyway.getTarget().equals(MigrationVersion.LATEST)) {
      return Optional.of("a Flyway target is set");
    }
    if (flyway.getCherryPick() != null && flyway.getCherryPick().length > 0) {
      return Optional.of("Flyway cherryPick is set");
    }
    if (flyway.getCallbacks().length > 0) {
      return Optional.of("Flyway Java callbacks are configured");
    }
    if (flyway.getResolvers().length > 0) {
      return Optional.of("Flyway resolvers are configured");
    }
    if (flyway.getJavaMigrations().length > 0) {
      return Optional.of("Flyway Java migrations are configured");
    }
    return Optional.empty();
  }
}
