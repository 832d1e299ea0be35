package dev.drydock.migrate;

/** What a migrate run did: how many migrations it applied, from which version to which. */
public record MigrationSummary(int applied, String fromVersion, String toVersion) {}
