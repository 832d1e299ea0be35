package dev.drydock.lint;

import dev.drydock.lint.observe.ObservationFile;
import dev.drydock.migrate.MigrationChain;
import dev.drydock.migrate.Migrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The name an observation is kept under with the prefix's snapshot. The snapshot's key already
 * covers the binaries and initdb options, server parameters, init SQL, the Flyway version and
 * settings, placeholders, history table, schemas, callbacks and every prefix migration's bytes and
 * {@code .conf}; this name adds what else the observation depends on: the observing code ({@link
 * ObservationFile#codeIdentity()}), the target dialect, every versioned migration after the prefix
 * and every repeatable one (version, file names, bytes, {@code .conf}), and which of them are
 * observed.
 */
final class ObservationKey {

  private ObservationKey() {}

  static String of(Migrations migrations, int prefixLength, Set<Path> observed) {
    MigrationChain chain = migrations.chain();
    MessageDigest sha = sha();
    update(sha, "lint-observation/1");
    update(sha, ObservationFile.codeIdentity());
    update(sha, "target=" + migrations.target().target().id());
    List<MigrationChain.Versioned> rest =
        chain.versioned().subList(prefixLength, chain.versioned().size());
    for (MigrationChain.Versioned v : rest) {
      update(sha, "versioned=" + v.version());
      files(sha, v.files());
    }
    update(sha, "repeatables");
    files(sha, chain.repeatables());
    update(sha, "callbacks");
    files(sha, chain.callbacks());
    TreeSet<String> names = new TreeSet<>();
    observed.forEach(p -> names.add(p.getFileName().toString()));
    update(sha, "observed=" + names);
    return "lint-observation-" + HexFormat.of().formatHex(sha.digest()).substring(0, 32);
  }

  private static void files(MessageDigest sha, List<Path> files) {
    for (Path file : files) {
      update(sha, file.getFileName().toString());
      try {
        sha.update(Files.readAllBytes(file));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      sha.update((byte) 0);
    }
  }

  private static void update(MessageDigest sha, String text) {
    sha.update(text.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
  }

  private static MessageDigest sha() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
