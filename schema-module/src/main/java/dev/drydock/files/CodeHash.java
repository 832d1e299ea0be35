package dev.drydock.files;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A hash of the code of one package and its subpackages, as built (every class and resource file):
 * what a cached answer computed by that code is keyed with, so that other code never uses it, even
 * under the same version number. A package that cannot be read hashes to a value no other run
 * gives, so nothing cached is used.
 */
public final class CodeHash {

  private static final Map<String, String> HASHES = new ConcurrentHashMap<>();

  private CodeHash() {}

  /** The hash of {@code anchor}'s package (16 hex digits), computed once per run. */
  public static String of(Class<?> anchor) {
    return HASHES.computeIfAbsent(anchor.getPackageName(), p -> hash(anchor));
  }

  /**
   * The hash of several packages together (16 hex digits): for an answer that code in more than one
   * package computes. Unreadable if any of them is.
   */
  public static String of(Class<?> first, Class<?>... more) {
    StringBuilder parts = new StringBuilder(of(first));
    for (Class<?> anchor : more) {
      String part = of(anchor);
      if (part.startsWith("unknown-")) {
        return part;
      }
      parts.append('|').append(part);
    }
    if (more.length == 0 || parts.toString().startsWith("unknown-")) {
      return parts.toString();
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(parts.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      return "unknown-" + System.nanoTime();
    }
  }

  private static String hash(Class<?> anchor) {
    String prefix = anchor.getPackageName().replace('.', '/') + "/";
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      URL self = anchor.getResource(anchor.getSimpleName() + ".class");
      if (self != null && "jar".equals(self.getProtocol())) {
        JarURLConnection connection = (JarURLConnection) self.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
          List<JarEntry> entries =
              jar.stream()
                  .filter(e -> e.getName().startsWith(prefix))
                  .sorted(Comparator.comparing(JarEntry::getName))
                  .toList();
          for (JarEntry e : entries) {
            sha.update(
                (e.getName() + "|" + e.getSize() + "|" + e.getCrc() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
          }
        }
      } else if (self != null && "file".equals(self.getProtocol())) {
        Path dir = Path.of(self.toURI()).getParent();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
          files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
          sha.update(dir.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
          try (InputStream in = Files.newInputStream(f)) {
            sha.update(in.readAllBytes());
          }
        }
      } else {
        return "unknown-" + System.nanoTime(); // never matches: nothing cached is used
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (IOException | URISyntaxException | NoSuchAlgorithmException e) {
      return "unknown-" + System.nanoTime();
    }
  }
}
