package dev.drydock.cli;

import dev.drydock.diff.Comparison;
import dev.drydock.diff.DiffResult;
import dev.drydock.diff.MigrationsComparison;
import dev.drydock.diff.UnknownSchemaException;
import dev.drydock.diff.report.JsonRenderer;
import dev.drydock.diff.report.NotCompared;
import dev.drydock.diff.report.TextRenderer;
import dev.drydock.diff.sql.SqlRenderer;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderSettings;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
    Set<String> wanted = new LinkedHashSet<>(schemas);

    progress.start("Connecting to " + live.displayUrl());
    try (Connection liveConnection = LiveDatabase.connect(live, root.secrets)) {
      progress.done();
      MigrationsComparison comparison =
          MigrationsComparison.configure()
              .migrations(migrations)
              .provider(throwawaySettings)
              .snapshots(throwaway.snapshots(root))
              .schemas(wanted)
              .binaries(throwaway.binaries(root))
              .beforeEach(script -> progress.update("applying " + script))
              .log(progress::update)
              .warnings(progress::warn)
              .build();
      progress.start(
          "Applying migrations from "
              + shared.describeLocations()
              + ", introspecting both databases");
      Comparison compared;
      try {
        compared = comparison.compare(liveConnection);
      } catch (UnknownSchemaException e) {
        throw new CliException(ExitCodes.USAGE_OR_CONNECTION, e.getMessage(), e);
      }
      progress.done();
      DiffResult result = compared.result();
      if (root.verbose) {
        err.printf(
            "drydock: the migrations' schema: %s; PostgreSQL %s, live PostgreSQL %s%n",
            compared.source(),
            compared.expectedVersion().orElse("(unknown)"),
            compared.liveVersion());
        err.printf(
            "drydock: compared %d expected and %d live objects in %d ms%n",
            result.expected().size(), result.actual().size(), compared.millis());
      }
      String expectedLabel = compared.expectedLabel("migrations in " + shared.describeLocations());
      String liveLabel = compared.liveLabel(live.displayUrl());
      List<String> notCompared = new ArrayList<>();
      notCompared.addAll(compared.alsoNotCompared());
      notCompared.addAll(NotCompared.ITEMS);
      String rendered =
          switch (format) {
            case text ->
                compared.mismatch().map(line -> line + "\n").orElse("")
                    + TextRenderer.render(result, expectedLabel, liveLabel, notCompared);
            case json -> JsonRenderer.render(result, expectedLabel, liveLabel, notCompared);
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
}
