package dev.drydock.provider;

import java.util.Locale;

/** This machine's operating system and architecture, in the names zonky's binary archives use. */
final class Platform {
  private Platform() {}

  /** {@code linux}, {@code darwin} or {@code windows}. */
  static String system() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    if (os.contains("mac") || os.contains("darwin")) {
      return "darwin";
    }
    return os.contains("win") ? "windows" : "linux";
  }

  /** {@code x86_64}, {@code arm_64}, {@code x86_32}, {@code arm_32}, or the JVM's own name. */
  static String arch() {
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    return switch (arch) {
      case "amd64", "x86_64" -> "x86_64";
      case "aarch64", "arm64" -> "arm_64";
      case "x86", "i386", "i686" -> "x86_32";
      case "arm" -> "arm_32";
      default -> arch;
    };
  }
}
