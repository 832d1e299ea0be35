package dev.drydock.provider;

import java.nio.file.Path;

/**
 * Where the jar of zonky's PostgreSQL binaries of a version comes from: Maven Resolver with the
 * user's Maven settings ({@link MavenBinaries}) for the CLI and the Spring drift check, the build's
 * own repository session for the goal.
 */
@FunctionalInterface
public interface BinariesSource {

  /**
   * The jar of {@code artifact}; a {@link ProviderException} whose message names the artifact and
   * how to get it when it cannot be had.
   */
  Path jar(BinariesArtifact artifact);

  /**
   * {@link MavenBinaries#fromUserSettings()}, created on first use: nothing of Maven Resolver is
   * loaded until binaries of another version are asked for, and without Maven Resolver on the class
   * path that request fails with a {@link ProviderException} naming the dependency.
   */
  static BinariesSource fromUserSettings() {
    return new UserSettingsBinaries();
  }
}
