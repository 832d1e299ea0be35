package dev.drydock.cli;

import dev.drydock.codegen.CodeGeneration;
import dev.drydock.codegen.CodegenException;
import dev.drydock.codegen.GenerationResult;
import dev.drydock.diff.report.Json;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.pull.HistoryMarker;
import dev.drydock.pull.MigrationName;
import dev.drydock.pull.MigrationWriter;
import dev.drydock.pull.ObjectChanges;
import dev.drydock.pull.Pull;
import dev.drydock.pull.PullException;
import dev.drydock.pull.PullResult;
import dev.drydock.pull.PulledMigration;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.flywaydb.core.api.FlywayException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code drydock pull}: the live database's schema as the next migration (or a baseline). */
@Command(
    name = "pull",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the migration that takes the migrations' schema to the live database's: a baseline"
          + " of the whole schema when there are no migrations, else the next migration.",
      "Exit codes: 0 success (also: nothing to pull), 2 usage or connection error, 3 migrations"
          + " fail."
    })
final class PullCommand implements Callable<Integer> {

  enum Format {
    text,
    json
  }

  @ParentCommand Drydock root;
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin SharedOptions shared;
  @Mixin ThrowawayOptions throwaway;

  @Option(
      names = "--name",
      paramLabel = "DESCRIPTION",
      description = "Description in the file name V<next>__<name>.sql (default: baseline, pull).")
  String name;

  @Option(names = "--dry-run", description = "Print the migration instead of writing it.")
  boolean dryRun;

  @Option(
      names = "--schema",
      paramLabel = "NAME",
      split = ",",
      description = "Schema(s) to pull; repeatable. Default: every non-system schema.")
  List<String> schemas = new ArrayList<>();

  @Option(
      names = "--allow-destructive",
      description = "Write drops and narrowing changes as SQL (default: commented out).")
  boolean allowDestructive;

  @Option(
      names = "--mark-applied",
      description =
          "Record the pulled migration in the live database's Flyway history without running it.")
  boolean markApplied;

  @Option(
      names = "--package",
      paramLabel = "NAME",
      description = "Then generate jOOQ classes in this Java package, like generate.")
  String packageName;

  @Option(
      names = "--output",
      paramLabel = "DIR",
      defaultValue = "target/generated-sources/jooq",
      description = "Where generated sources go with --package (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = "--no-roles",
      description =
          "Leave out the guarded CREATE ROLE ... NOLOGIN statements for the roles the pulled"
              + " grants and policies name (by default written first, only where missing).")
  boolean noRoles;

  @Override
  public Integer call() throws SQLException {
    PrintWriter out = spec.commandLine().getOut();
    Progress progress = shared.progress(spec.commandLine().getErr());
    ConnectionOptions.Resolved live = connection.resolve(root.environment, root.secrets);
    Path directory = shared.migrations.get(0);
    try {
      if (name != null) {
        MigrationName.description(name);
      }
      checkWritable(directory);
      ProviderSettings throwawaySettings = throwaway.settings(root);
      if (markApplied && !dryRun && allLocationsExist()) {
        HistoryMarker.requireNoPending(migrations(), LiveDatabase.dataSource(live));
      }
      PullResult result;
      progress.start("Connecting to " + live.displayUrl());
      try (Connection liveConnection = LiveDatabase.connect(live, root.secrets)) {
        progress.done();
        result =
            Pull.configure()
                .live(liveConnection, live.displayUrl())
                .migrations(migrations())
                .throwaway(throwawaySettings)
                .snapshots(throwaway.snapshots(root))
                .binaries(throwaway.binaries(root))
                .roles(!noRoles)
                .schemas(schemas)
                .name(name)
                .allowDestructive(allowDestructive)
                .log(progress::note)
                .warnings(progress::warn)
                .build()
                .run();
      }
      if (result.nothingToPull()) {
        print(out, result, null, false);
        return ExitCodes.OK;
      }
      PulledMigration migration = result.migration().orElseThrow();
      if (dryRun) {
        print(out, result, null, false);
        return ExitCodes.OK;
      }
      Path written = MigrationWriter.write(directory, migration);
      boolean marked = false;
      if (markApplied) {
        progress.start("Recording " + migration.fileName() + " in the Flyway history");
        HistoryMarker.markApplied(migrations(), LiveDatabase.dataSource(live));
        progress.done();
        marked = true;
      }
      print(out, result, written, marked);
      if (packageName != null) {
        GenerationResult generated = generate(throwawaySettings, progress);
        if (format == Format.text) {
          out.println(generated.summary());
        }
      }
      out.flush();
      return ExitCodes.OK;
    } catch (PullException e) {
      throw new CliException(ExitCodes.USAGE_OR_CONNECTION, e.getMessage(), e);
    } catch (FlywayException e) {
      throw new CliException(
          ExitCodes.USAGE_OR_CONNECTION,
          "Flyway history of " + live.displayUrl() + ": " + LiveDatabase.firstLine(e.getMessage()),
          e);
    } catch (CodegenException e) {
      throw new CliException(ExitCodes.USAGE_OR_CONNECTION, e.getMessage(), e);
    }
  }

  /** The Flyway settings of the shared options; a missing directory means no migrations yet. */
  private Migrations migrations() {
    return shared.migrations(root.environment, false);
  }

  private boolean allLocationsExist() {
    return shared.migrations.stream().allMatch(Files::isDirectory);
  }

  /** Fails before any work when the migration could not be written (a dry run too). */
  private void checkWritable(Path directory) {
    // a dry run refuses what the real run refuses; it only writes nothing
    if (Files.exists(directory) && !Files.isDirectory(directory)) {
      throw new PullException("Migrations directory is not a directory: " + directory);
    }
    if (dryRun) {
      return;
    }
    if (Files.isDirectory(directory) && !Files.isWritable(directory)) {
      throw new PullException("Migrations directory is not writable: " + directory);
    }
  }

  private GenerationResult generate(ProviderSettings settings, Progress progress) {
    return CodeGeneration.configure()
        .migrations(migrations())
        .packageName(packageName)
        .outputDirectory(output)
        .provider(settings)
        .schemas(schemas)
        .log(progress::note)
        .warnings(progress::warn)
        .build()
        .run();
  }

  private void print(PrintWriter out, PullResult result, Path written, boolean marked) {
    if (format == Format.json || (written == null && result.migration().isPresent())) {
      // SQL or JSON formed without any password (the URL's display form): printed as rendered
      RedactingWriter.printVerbatim(
          out,
          format == Format.json ? json(result, written, marked) : text(result, written, marked));
      return;
    }
    out.print(root.secrets.redact(text(result, written, marked)));
    out.flush();
  }

  private String text(PullResult result, Path written, boolean marked) {
    if (result.nothingToPull() && result.destructive() > 0) {
      return "Nothing to pull without --allow-destructive: the migrations differ from "
          + result.database()
          + " only by "
          + result.destructive()
          + " DESTRUCTIVE change(s); no file written\n";
    }
    if (result.nothingToPull()) {
      return "Nothing to pull: the migrations match " + result.database() + "\n";
    }
    PulledMigration migration = result.migration().orElseThrow();
    if (written == null) {
      return migration.sql();
    }
    StringBuilder sb = new StringBuilder("Wrote ").append(written);
    sb.append(
        result.baseline()
            ? " (baseline of " + result.database() + "):\n"
            : " (changes in " + result.database() + " since the migrations):\n");
    for (ObjectChanges c : result.changes()) {
      sb.append("  ").append(c.describe()).append('\n');
    }
    if (result.destructive() > 0) {
      sb.append("  ")
          .append(result.destructive())
          .append(" DESTRUCTIVE statement(s) ")
          .append(
              result.destructiveWritten()
                  ? "written: review them"
                  : "commented out: review, then pull again with --allow-destructive")
          .append('\n');
    }
    if (result.manual() > 0) {
      sb.append("  ").append(result.manual()).append(" change(s) need manual work (MANUAL)\n");
    }
    if (marked) {
      sb.append("Marked V")
          .append(migration.version())
          .append(" applied in the Flyway history of ")
          .append(result.database())
          .append(" (not run there).\n");
    }
    return sb.toString();
  }

  private String json(PullResult result, Path written, boolean marked) {
    StringBuilder sb = new StringBuilder("{\n");
    sb.append("  \"version\": 1,\n");
    sb.append("  \"database\": ").append(Json.string(result.database())).append(",\n");
    sb.append("  \"nothingToPull\": ").append(result.nothingToPull()).append(",\n");
    sb.append("  \"baseline\": ").append(result.baseline()).append(",\n");
    Optional<PulledMigration> m = result.migration();
    if (m.isPresent()) {
      sb.append("  \"migration\": {\"version\": ")
          .append(Json.string(m.get().version()))
          .append(", \"file\": ")
          .append(Json.string(m.get().fileName()))
          .append(", \"written\": ")
          .append(written == null ? "null" : Json.string(written.toString()))
          .append(", \"markedApplied\": ")
          .append(marked)
          .append("},\n");
    }
    sb.append("  \"pulled\": [")
        .append(
            result.changes().isEmpty()
                ? ""
                : result.changes().stream()
                    .map(
                        c ->
                            "{\"objectKind\": "
                                + Json.string(c.kind().id())
                                + ", \"created\": "
                                + c.created()
                                + ", \"dropped\": "
                                + c.dropped()
                                + ", \"altered\": "
                                + c.altered()
                                + "}")
                    .collect(Collectors.joining(",\n    ", "\n    ", "\n  ")))
        .append("],\n");
    sb.append("  \"destructive\": ").append(result.destructive()).append(",\n");
    sb.append("  \"destructiveWritten\": ").append(result.destructiveWritten()).append(",\n");
    sb.append("  \"manual\": ").append(result.manual()).append(",\n");
    if (m.isPresent() && written == null) {
      sb.append("  \"sql\": ").append(Json.string(m.get().sql())).append(",\n");
    }
    sb.append("  \"notPulled\": [")
        .append(result.notPulled().stream().map(Json::string).collect(Collectors.joining(", ")))
        .append("]\n}\n");
    return sb.toString();
  }
}
