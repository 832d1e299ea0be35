package dev.drydock.cli;

import dev.drydock.diff.DiffResult;
import dev.drydock.diff.Drift;
import dev.drydock.diff.SchemaComparator;
import dev.drydock.diff.report.JsonRenderer;
import dev.drydock.diff.report.NotCompared;
import dev.drydock.diff.report.TextRenderer;
import dev.drydock.diff.sql.SqlRenderer;
import dev.drydock.introspect.Catalog;
import dev.drydock.introspect.CatalogFile;
import dev.drydock.introspect.Introspector;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.snapshot.MigratedDatabase;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code drydock diff}: the migrations' schema against a live database. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
      "Applies the migrations to a throwaway PostgreSQL, introspects it and the live database,"
          + " and prints the drift.",
      "Exit codes: 0 no drift, 1 drift found, 2 usage or connection error, 3 migrations fail."
    })
final class DiffCommand implements Callable<Integer> {

  enum Format {
    text,
    json,
    sql
  }

  @ParentCommand Drydock root;
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin SharedOptions shared;

  @Mixin ThrowawayOptions throwaway;

  @Option(
      names = "--schema",
      paramLabel = "NAME",
      split = ",",
      description = "Schema(s) to compare; repeatable. Default: every non-system schema.")
  List<String> schemas = new ArrayList<>();

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = "--no-renames",
      description =
          "With --format sql: drop and create a table, column, index, constraint or enum value"
              + " that differs only by name, instead of renaming it (which keeps its data).")
  boolean noRenames;

  @Override
  public Integer call() throws SQLException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Progress progress = shared.progress(err);
    ConnectionOptions.Resolved live = connection.resolve(root.environment, root.secrets);
    ProviderSettings throwawaySettings = throwaway.settings(root);
    Migrations migrations = shared.migrations(root.environment);
    Introspector introspector = Introspector.configure().historyTable(migrations.table()).build();
    Set<String> wanted = new LinkedHashSet<>(schemas);

    progress.start("Connecting to " + live.displayUrl());
    try (Connection liveConnection = LiveDatabase.connect(live, root.secrets)) {
      progress.done();
      MigratedDatabase.Builder expected =
          MigratedDatabase.configure()
              .provider(throwawaySettings)
              .migrations(migrations)
              .snapshots(throwaway.snapshots(root))
              .beforeEach(script -> progress.update("applying " + script))
              .log(progress::update)
              .warnings(progress::warn);
      String catalogName = CatalogFile.keyFor(migrations.table(), wanted);
      Optional<Catalog> kept = expected.cachedCatalog(catalogName);
      long started;
      DiffResult result;
      if (kept.isPresent()) {
        if (root.verbose) {
          err.println(
              "drydock: the migrations' schema is the catalog kept with their snapshot"
                  + " (no throwaway database started)");
        }
        checkSchemasExist(wanted, liveConnection, kept.get().schemas());
        progress.start("Introspecting the live database");
        started = System.nanoTime();
        result = SchemaComparator.compare(kept.get(), introspector.load(liveConnection, wanted));
        progress.done();
      } else {
        progress.start("Applying migrations from " + shared.describeLocations());
        try (MigratedDatabase migrated = expected.start()) {
          progress.done();
          if (root.verbose) {
            err.printf(
                "drydock: %s from %s, %d migration(s) applied%n",
                migrated.database().description(), migrated.startedFrom(), migrated.applied());
          }
          try (Connection scratchConnection = migrated.database().connect()) {
            checkSchemasExist(
                wanted, liveConnection, Introspector.existing(scratchConnection, wanted));
            progress.start("Introspecting both databases");
            started = System.nanoTime();
            result = Drift.between(introspector, scratchConnection, liveConnection, wanted);
            progress.done();
          }
          migrated.keepCatalog(catalogName, result.expected());
        }
      }
      if (root.verbose) {
        err.printf(
            "drydock: compared %d expected and %d live objects in %d ms%n",
            result.expected().size(),
            result.actual().size(),
            (System.nanoTime() - started) / 1_000_000);
      }
      String expectedLabel = "migrations in " + shared.describeLocations();
      String rendered =
          switch (format) {
            case text ->
                TextRenderer.render(result, expectedLabel, live.displayUrl(), NotCompared.ITEMS);
            case json ->
                JsonRenderer.render(result, expectedLabel, live.displayUrl(), NotCompared.ITEMS);
            case sql ->
                SqlRenderer.configure()
                    .renames(!noRenames)
                    .build()
                    .script(result, live.displayUrl());
          };
      if (format == Format.text) {
        out.print(root.secrets.redact(rendered));
        out.flush();
      } else {
        // formed without any password (the URL's display form): printed exactly as rendered
        RedactingWriter.printVerbatim(out, rendered);
      }
      return result.hasDrift() ? ExitCodes.DRIFT : ExitCodes.NO_DRIFT;
    }
  }

  private void checkSchemasExist(
      Set<String> wanted, Connection live, Collection<String> inMigrations) throws SQLException {
    if (wanted.isEmpty()) {
      return;
    }
    Set<String> known = new LinkedHashSet<>(Introspector.existing(live, wanted));
    known.addAll(inMigrations);
    List<String> unknown = wanted.stream().filter(s -> !known.contains(s)).toList();
    if (!unknown.isEmpty()) {
      throw new CliException(
          ExitCodes.USAGE_OR_CONNECTION,
          "Unknown schema "
              + String.join(", ", unknown)
              + ": neither the live database nor the migrations have it");
    }
  }
}
