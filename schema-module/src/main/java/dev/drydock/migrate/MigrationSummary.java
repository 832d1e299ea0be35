package dev.drydock.migrate;

import java.util.List;

/**
 * What a migrate run did: how many migrations it applied, from which version to which ({@code
 * fromVersion} is null on an empty history), and each migration applied.
 */
public record MigrationSummary(
    int applied, String fromVersion, String toVersion, List<Applied> migrations) {

  public MigrationSummary {
    migrations = List.copyOf(migrations);
  }

  /** One applied migration: version (null for a repeatable one), description, time taken. */
  public record Applied(String version, String description, long millis) {}
}
