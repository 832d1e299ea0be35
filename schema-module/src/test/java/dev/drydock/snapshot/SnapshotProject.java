package dev.drydock.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.codegen.CodeGeneration;
import dev.drydock.files.FileTrees;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What the snapshot tests set up alike: a migrations directory of the test's own, the embedded
 * provider on the class's cache (binaries and the empty cluster kept, every snapshot deleted), the
 * log, and the ways to start, fully apply and generate from those migrations.
 */
final class SnapshotProject {

  final Path migrations;
  final ProviderSettings provider;
  final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, String> placeholders;

  private SnapshotProject(Path migrations, Path cache, Map<String, String> placeholders) {
    this.migrations = migrations;
    this.provider =
        ProviderSettings.configure().kind(ProviderKind.EMBEDDED).cacheDirectory(cache).build();
    this.placeholders = Map.copyOf(placeholders);
  }

  /**
   * {@code root/migrations}, run with {@code placeholders}, on {@code cache} emptied of snapshots.
   */
  static SnapshotProject in(Path root, Path cache, Map<String, String> placeholders)
      throws IOException {
    FileTrees.deleteQuietly(cache.resolve("snapshots"));
    return new SnapshotProject(
        Files.createDirectories(root.resolve("migrations")), cache, placeholders);
  }

  void write(String name, String sql) throws IOException {
    Files.writeString(migrations.resolve(name), sql);
  }

  Migrations migrations(Map<String, String> placeholders) {
    return Migrations.configure().location(migrations).placeholders(placeholders).build();
  }

  MigratedDatabase.Builder builder(SnapshotSettings snapshots) {
    return MigratedDatabase.configure()
        .provider(provider)
        .migrations(migrations(placeholders))
        .snapshots(snapshots)
        .log(log::add);
  }

  MigratedDatabase start(SnapshotSettings snapshots) {
    return builder(snapshots).start();
  }

  void applyAndClose(SnapshotSettings snapshots) {
    start(snapshots).close();
  }

  /** The catalog of every migration applied to an empty cluster (no snapshot used). */
  Map<?, ?> fullApplyCatalog() throws Exception {
    return fullApplyCatalog(placeholders);
  }

  Map<?, ?> fullApplyCatalog(Map<String, String> placeholders) throws Exception {
    try (MigratedDatabase full =
        MigratedDatabase.configure()
            .provider(provider)
            .migrations(migrations(placeholders))
            .snapshots(SnapshotSettings.disabled())
            .start()) {
      assertThat(full.startedFrom()).isEqualTo("empty cluster");
      return MigratedStates.catalog(full);
    }
  }

  /** A forced generation into {@code output}. */
  Path generate(Path output, SnapshotSettings snapshots) {
    CodeGeneration.configure()
        .migrations(migrations(placeholders))
        .packageName("com.example.db")
        .outputDirectory(output)
        .provider(provider)
        .snapshots(snapshots)
        .force(true)
        .log(log::add)
        .build()
        .run();
    return output;
  }
}
