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
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A hash of code as built: every class and resource of the packages of the given classes (not their
 * sub-packages' names alone: everything under them). What a kept result derived by that code is
 * keyed by, so that other code, even under the same version number, never uses it. When the code
 * cannot be read (neither a jar nor a directory), the identity is unique to this JVM and matches
 * nothing kept.
 */
public final class CodeIdentity {

  private CodeIdentity() {}

  /** The hash of the packages of {@code anchors} (16 hex digits). */
  public static String of(Class<?>... anchors) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Class<?> anchor : anchors) {
        if (!hashPackage(anchor, sha)) {
          return "unknown-" + System.nanoTime();
        }
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (IOException | URISyntaxException | NoSuchAlgorithmException e) {
      return "unknown-" + System.nanoTime();
    }
  }

  private static boolean hashPackage(Class<?> anchor, MessageDigest sha)
      throws IOException, URISyntaxException {
    String packagePath = anchor.getPackageName().replace('.', '/') + "/";
    URL self = anchor.getResource(anchor.getSimpleName() + ".class");
    if (self != null && "jar".equals(self.getProtocol())) {
      JarURLConnection connection = (JarURLConnection) self.openConnection();
      connection.setUseCaches(false);
      try (JarFile jar = connection.getJarFile()) {
        List<JarEntry> entries =
            jar.stream()
                .filter(e -> e.getName().startsWith(packagePath))
                .sorted(Comparator.comparing(JarEntry::getName))
                .toList();
        for (JarEntry e : entries) {
          sha.update(
              (e.getName() + "|" + e.getSize() + "|" + e.getCrc() + "\n")
                  .getBytes(StandardCharsets.UTF_8));
        }
      }
      return true;
    }
    if (self != null && "file".equals(self.getProtocol())) {
      Path dir = Path.of(self.toURI()).getParent();
      List<Path> files;
      try (Stream<Path> walk = Files.walk(dir)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
      sha.update(packagePath.getBytes(StandardCharsets.UTF_8));
      for (Path f : files) {
        sha.update(dir.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
        try (InputStream in = Files.newInputStream(f)) {
          sha.update(in.readAllBytes());
        }
      }
      return true;
    }
    return false;
  }
}
