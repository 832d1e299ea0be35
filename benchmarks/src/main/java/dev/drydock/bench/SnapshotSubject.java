package dev.drydock.bench;

import dev.drydock.bench.corpus.HistoryCorpus;
import dev.drydock.bench.corpus.MigrationFile;
import dev.drydock.bench.corpus.PagilaSplit;
import dev.drydock.provider.ProviderSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A migration history the {@code snapshots} section measures: its files (the last one is the
 * migration "added" to a project whose cache holds the others' snapshot), the embedded PostgreSQL
 * it needs, and the package its jOOQ sources are generated into.
 *
 * @param label the name in the report
 * @param description one line for the report
 * @param files every migration, V1 first
 * @param corpus the corpus whose PostgreSQL version it needs ({@link Corpus#provider(Path)})
 * @param packageName the package of the generated jOOQ classes
 */
record SnapshotSubject(
    String label,
    String description,
    List<MigrationFile> files,
    Corpus corpus,
    String packageName) {

  /** Pagila's statements in this many migrations. */
  static final int PAGILA_FILES = 45;

  /** The subjects by name: {@code history} and {@code pagila}. */
  static SnapshotSubject named(String name) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "history" ->
          new SnapshotSubject(
              "history",
              "generated history of 200 migrations (HistoryCorpus, seed 15), PostgreSQL 17",
              HistoryCorpus.configure().migrations(200).seed(15).build().files(),
              Corpus.SEED,
              "dev.drydock.bench.history");
      case "pagila" ->
          new SnapshotSubject(
              "pagila",
              "Pagila without pgvector split into "
                  + PAGILA_FILES
                  + " migrations at statement boundaries (PagilaSplit), PostgreSQL 18",
              PagilaSplit.split(Corpus.pagilaWithoutPgvector(), PAGILA_FILES),
              Corpus.PAGILA,
              Corpus.PAGILA.packageName());
      default ->
          throw new IllegalArgumentException(
              "--snapshot-corpora: unknown corpus " + name + ", expected history or pagila");
    };
  }

  /** N + 1: every migration. */
  int all() {
    return files.size();
  }

  /** N: every migration but the last. */
  int prefix() {
    return files.size() - 1;
  }

  /** The embedded PostgreSQL this subject needs, with {@code cache} as Drydock's cache. */
  ProviderSettings provider(Path cache) {
    return corpus.provider(cache);
  }

  /**
   * The binaries jar the CLI is given with {@code --postgres-binaries}, or null for its default.
   */
  Path postgresBinaries() {
    return corpus == Corpus.PAGILA ? Corpus.postgres18Jar() : null;
  }
}
