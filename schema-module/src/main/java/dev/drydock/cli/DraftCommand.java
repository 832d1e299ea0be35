package dev.drydock.cli;

import dev.drydock.diff.Difference;
import dev.drydock.draft.Draft;
import dev.drydock.draft.DraftException;
import dev.drydock.draft.DraftResult;
import dev.drydock.draft.Init;
import dev.drydock.draft.Undo;
import dev.drydock.migrate.Migrations;
import dev.drydock.pull.PullException;
import dev.drydock.pull.PulledMigration;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code drydock draft}: the next migration from the desired-state folder, proven first. */
@Command(
    name = "draft",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the next migration that takes the migrations' schema to the desired state (a folder"
          + " of plain SQL files, in any order), after applying it on top of the migrations on a"
          + " throwaway PostgreSQL and finding exactly the desired schema. Never asks: renames"
          + " and drops are declared in the hints file.",
      "Exit codes: 0 written, or nothing to draft; 1 not written (a hint is needed, the draft"
          + " does not prove) or, with --check, the migrations differ from the desired state;"
          + " 2 usage error or a desired-state file that does not load; 3 migrations fail."
    })
final class DraftCommand implements Callable<Integer> {

  @ParentCommand Drydock root;
  @Spec CommandSpec spec;
  @Mixin SharedOptions shared;
  @Mixin ThrowawayOptions throwaway;

  @Option(
      names = "--schema",
      paramLabel = "DIR",
      defaultValue = "schema",
      description = "The desired-state folder of SQL files (default: ${DEFAULT-VALUE}).")
  Path schemaDirectory;

  @Option(
      names = "--hints",
      paramLabel = "FILE",
      description = "Renames and allowed drops (default: drydock-hints.toml in the schema folder).")
  Path hints;

  @Option(
      names = "--name",
      paramLabel = "DESCRIPTION",
      defaultValue = "draft",
      description = "Description in the file name V<next>__<name>.sql (default: ${DEFAULT-VALUE}).")
  String name;

  @Option(
      names = "--check",
      description =
          "Only compare: exit 1 listing the differences when the migrations do not give the"
              + " desired schema, 0 when they do. Writes nothing.")
  boolean check;

  @Option(names = "--dry-run", description = "Draft and prove, print, write nothing.")
  boolean dryRun;

  @Option(
      names = "--allow-destructive",
      description = "Drop tables, columns, schemas, sequences and narrow types without hints.")
  boolean allowDestructive;

  @Option(
      names = "--no-lock-aware",
      description =
          "Create indexes and add constraints on existing tables in the migration itself"
              + " (default: CONCURRENTLY / NOT VALID + VALIDATE in a second migration).")
  boolean noLockAware;

  @Option(
      names = "--undo",
      description =
          "Instead: write a reviewable down script for the last migration (its schema back to the"
              + " one before it) into the undo folder; Drydock never applies it.")
  boolean undo;

  @Option(
      names = "--undo-dir",
      paramLabel = "DIR",
      description = "Where --undo writes (default: undo beside the first migrations directory).")
  Path undoDirectory;

  @Option(
      names = "--init",
      description =
          "Instead: write the migrations' current schema into the (empty) desired-state folder,"
              + " one file per object kind, to start declarative.")
  boolean init;

  @Override
  public Integer call() {
    if (undo) {
      return undo();
    }
    if (init) {
      return init();
    }
    PrintWriter out = spec.commandLine().getOut();
    Progress progress = shared.progress(spec.commandLine().getErr());
    DraftResult result;
    // no migrations directory yet: the draft is the first migration
    Migrations migrations = shared.migrations(root.environment, false);
    try {
      result =
          Draft.configure()
              .migrations(migrations)
              .schemaDirectory(schemaDirectory)
              .hintsFile(hints)
              .throwaway(throwaway.settings(root))
              .snapshots(throwaway.snapshots(root))
              .name(name)
              .allowDestructive(allowDestructive)
              .lockAware(!noLockAware)
              .checkOnly(check)
              .write(!dryRun)
              .log(progress::note)
              .build()
              .run();
    } catch (DraftException | PullException e) {
      throw new CliException(ExitCodes.USAGE_OR_CONNECTION, e.getMessage(), e);
    }
    String text = text(result);
    for (String warning : result.warnings()) {
      text += "Warning: " + warning + "\n";
    }
    boolean concurrently =
        result.migrations().stream().anyMatch(m -> m.fileName().endsWith(".conf"));
    if (concurrently
        && result.outcome() == DraftResult.Outcome.PROVEN
        && !"false".equalsIgnoreCase(migrations.settings().get("postgresql.transactional.lock"))) {
      text +=
          "Note: the migration run outside a transaction builds indexes CONCURRENTLY, which Flyway's"
              + " transactional lock would block: set postgresql.transactional.lock=false in"
              + " flyway.toml (drydock migrate requires it), or draft with --no-lock-aware\n";
    }
    out.print(root.secrets.redact(text));
    out.flush();
    return switch (result.outcome()) {
      case IN_STEP, PROVEN -> ExitCodes.OK;
      case DIFFERS -> ExitCodes.DRIFT;
      case STOPPED, UNPROVEN -> ExitCodes.NOT_WRITTEN;
    };
  }

  private int init() {
    PrintWriter out = spec.commandLine().getOut();
    Progress progress = shared.progress(spec.commandLine().getErr());
    List<Path> written;
    try {
      written =
          Init.configure()
              .migrations(shared.migrations(root.environment))
              .schemaDirectory(schemaDirectory)
              .throwaway(throwaway.settings(root))
              .snapshots(throwaway.snapshots(root))
              .log(progress::note)
              .build()
              .run();
    } catch (DraftException | PullException e) {
      throw new CliException(ExitCodes.USAGE_OR_CONNECTION, e.getMessage(), e);
    }
    written.forEach(p -> out.println("Wrote " + p));
    out.println(
        "The migrations' schema is now the desired state in "
            + schemaDirectory
            + ": edit it, then drydock draft --name <change>");
    out.flush();
    return ExitCodes.OK;
  }

  private int undo() {
    PrintWriter out = spec.commandLine().getOut();
    Progress progress = shared.progress(spec.commandLine().getErr());
    Undo.Result result;
    try {
      result =
          Undo.configure()
              .migrations(shared.migrations(root.environment))
              .directory(undoDirectory)
              .throwaway(throwaway.settings(root))
              .snapshots(throwaway.snapshots(root))
              .write(!dryRun)
              .log(progress::note)
              .build()
              .run();
    } catch (DraftException | PullException e) {
      throw new CliException(ExitCodes.USAGE_OR_CONNECTION, e.getMessage(), e);
    }
    StringBuilder sb = new StringBuilder();
    if (result.script().isEmpty()) {
      sb.append("Nothing to undo: the last migration changes no schema object Drydock compares\n");
    } else if (!result.proven()) {
      sb.append("Not written: the down script, run on the migrations' schema, does not give the")
          .append(" schema before the last migration:\n");
      result.failure().ifPresent(f -> sb.append("  ").append(f).append('\n'));
      result
          .remaining()
          .differences()
          .forEach(d -> sb.append("  ").append(d.describe()).append('\n'));
      sb.append('\n').append(result.script().get().sql());
    } else if (result.written().isPresent()) {
      sb.append("Wrote ")
          .append(result.written().get())
          .append(" (proven; never applied by Drydock)\n");
    } else {
      sb.append(result.script().get().sql());
    }
    out.print(root.secrets.redact(sb.toString()));
    out.flush();
    return result.script().isEmpty() || result.proven() ? ExitCodes.OK : ExitCodes.NOT_WRITTEN;
  }

  private String text(DraftResult r) {
    StringBuilder sb = new StringBuilder();
    switch (r.outcome()) {
      case IN_STEP ->
          sb.append("In step: the migrations give the desired schema in ")
              .append(schemaDirectory)
              .append("; nothing to draft\n");
      case DIFFERS -> {
        sb.append("The migrations differ from the desired schema in ")
            .append(schemaDirectory)
            .append(" (")
            .append(r.differences().size())
            .append(" difference(s); expected = desired, actual = migrations):\n");
        differences(sb, r);
      }
      case STOPPED -> {
        sb.append("Not drafted: ")
            .append(r.stops().size())
            .append(" decision(s) need a hint (nothing written):\n");
        r.stops().forEach(s -> sb.append("  ").append(s).append('\n'));
      }
      case UNPROVEN -> {
        r.stops().forEach(s -> sb.append(s).append('\n'));
        sb.append("Not written: the draft, applied on top of the migrations, still differs from")
            .append(" the desired schema in ")
            .append(r.differences().size())
            .append(" way(s):\n");
        differences(sb, r);
        for (PulledMigration m : r.migrations()) {
          sb.append("\n-- ").append(m.fileName()).append(" (not written)\n").append(m.sql());
        }
      }
      case PROVEN -> {
        if (r.written().isEmpty()) {
          for (PulledMigration m : r.migrations()) {
            sb.append("-- ").append(m.fileName()).append(" (dry run, not written)\n");
            sb.append(m.sql()).append('\n');
          }
        } else {
          r.written()
              .forEach(
                  p ->
                      sb.append("Wrote ")
                          .append(p)
                          .append(p.toString().endsWith(".conf") ? "" : " (proven)")
                          .append('\n'));
          sb.append("  ")
              .append(r.differences().size())
              .append(" difference(s) drafted; applied on top of the migrations it gives exactly")
              .append(" the desired schema\n");
        }
      }
    }
    return sb.toString();
  }

  private static void differences(StringBuilder sb, DraftResult r) {
    for (Difference d : r.differences()) {
      sb.append("  ").append(d.describe()).append('\n');
    }
  }
}
