package dev.drydock.lint;

import dev.drydock.files.KeyDigest;
import dev.drydock.lint.observe.ObservationFile;
import dev.drydock.migrate.MigrationChain;
import dev.drydock.migrate.Migrations;
import java.nio.file.Path;
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
    KeyDigest sha =
        KeyDigest.start()
            .text("lint-observation/1")
            .text(ObservationFile.codeIdentity())
            .text("target=" + migrations.target().target().id());
    List<MigrationChain.Versioned> rest =
        chain.versioned().subList(prefixLength, chain.versioned().size());
    for (MigrationChain.Versioned v : rest) {
      sha.text("versioned=" + v.version()).namedFiles(v.files());
    }
    sha.text("repeatables").namedFiles(chain.repeatables());
    sha.text("callbacks").namedFiles(chain.callbacks());
    TreeSet<String> names = new TreeSet<>();
    observed.forEach(p -> names.add(p.getFileName().toString()));
    return "lint-observation-" + sha.text("observed=" + names).hex(32);
  }
}
