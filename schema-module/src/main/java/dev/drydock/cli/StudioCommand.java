package dev.drydock.cli;

import dev.drydock.diff.Comparison;
import dev.drydock.diff.DiffResult;
import dev.drydock.diff.MigrationsComparison;
import dev.drydock.diff.UnknownSchemaException;
import dev.drydock.migrate.Migrations;
import dev.drydock.studio.DriftReport;
import dev.drydock.studio.SchemaModel;
import dev.drydock.studio.Studio;
import dev.drydock.studio.StudioSchema;
import dev.drydock.studio.StudioSettings;
import java.awt.Desktop;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code drydock studio}: browse (and with --write, edit) the live database in a browser. */
@Command(
    name = "studio",
    mixinStandardHelpOptions = true,
    description = {
      "Serves a web page to browse the live database: schema, ER diagram, rows; edits with --write.",
      "Prints one line with the URL (with a random token) and serves until Ctrl-C (exit 130)."
    })
final class StudioCommand implements Callable<Integer> {

  @ParentCommand Drydock root;
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin ThrowawayOptions throwaway;

  @Option(names = "--port", defaultValue = "0", description = "Port (default: a free one).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}); others print a warning.")
  String host;

  @Option(names = "--write", description = "Allow inserts, updates and deletes.")
  boolean write;

  @Option(
      names = "--schema",
      paramLabel = "NAME",
      split = ",",
      description = "Schema(s) to show; repeatable. Default: every non-system schema.")
  List<String> schemas = new ArrayList<>();

  @Option(names = "--open", description = "Open the page in the desktop's browser.")
  boolean open;

  @Option(
      names = "--migrations",
      paramLabel = "DIR",
      description = "Show the drift from these Flyway migrations (as `drydock diff`); repeatable.")
  List<Path> migrations = new ArrayList<>();

  @Option(
      names = "--placeholder",
      paramLabel = "KEY=VALUE",
      description = "Flyway placeholder for --migrations; repeatable.")
  Map<String, String> placeholders = new LinkedHashMap<>();

  @Option(
      names = "--history-table",
      paramLabel = "NAME",
      defaultValue = Migrations.DEFAULT_HISTORY_TABLE,
      description = "Flyway history table, not shown (default: ${DEFAULT-VALUE}).")
  String historyTable;

  @Option(
      names = "--statement-timeout",
      paramLabel = "SECONDS",
      defaultValue = "5",
      description = "Statement timeout of every query (default: ${DEFAULT-VALUE} s).")
  int statementTimeoutSeconds;

  @Option(
      names = "--version-column",
      paramLabel = "NAME",
      defaultValue = "lock_version",
      description = "Optimistic-locking column (default: ${DEFAULT-VALUE}).")
  String versionColumn;

  @Override
  public Integer call() throws InterruptedException, SQLException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ConnectionOptions.Resolved live = connection.resolve(root.environment, root.secrets);
    StudioSettings settings = settings();
    StudioSchema schema;
    DriftReport drift = DriftReport.none();
    try (Connection c = LiveDatabase.connect(live, root.secrets)) {
      if (migrations.isEmpty()) {
        schema = SchemaModel.load(c, new LinkedHashSet<>(schemas), historyTable, versionColumn);
      } else {
        Migrations files =
            Migrations.configure()
                .locations(migrations)
                .placeholders(placeholders)
                .table(historyTable)
                .build();
        files.requireMigrations();
        Comparison compared;
        try {
          compared =
              MigrationsComparison.configure()
                  .migrations(files)
                  .provider(throwaway.settings(root))
                  .snapshots(throwaway.snapshots(root))
                  .schemas(new LinkedHashSet<>(schemas))
                  .binaries(throwaway.binaries(root))
                  .build()
                  .compare(c);
        } catch (UnknownSchemaException e) {
          throw new CliException(ExitCodes.USAGE_OR_CONNECTION, e.getMessage(), e);
        }
        DiffResult result = compared.result();
        schema = SchemaModel.from(result.actual(), c, versionColumn);
        drift =
            new DriftReport(
                true, "migrations in " + describe(migrations), SchemaModel.drift(result));
      }
    }

    Studio studio;
    try {
      studio =
          Studio.start(
              settings,
              live.jdbcUrl(),
              LiveDatabase.properties(live),
              live.displayUrl(),
              schema,
              drift);
    } catch (UncheckedIOException e) {
      throw new CliException(ExitCodes.USAGE_OR_CONNECTION, e.getMessage(), e);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              studio.close();
              stopped.countDown();
            },
            "drydock-studio-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    if (settings.exposed()) {
      err.println(
          "drydock: warning: listening on "
              + host
              + ", not only on this machine: anyone who gets the token can "
              + (write ? "edit" : "read")
              + " the database");
      err.flush();
    }
    out.println(
        "Drydock studio for "
            + root.secrets.redact(live.displayUrl())
            + (write ? " (read-write)" : " (read-only)")
            + ": "
            + studio.url()
            + "  (Ctrl-C to stop)");
    out.flush();
    if (open) {
      openBrowser(studio, err);
    }
    stopped.await();
    return ExitCodes.OK;
  }

  private StudioSettings settings() {
    try {
      return StudioSettings.configure()
          .host(host)
          .port(port)
          .write(write)
          .statementTimeout(Duration.ofSeconds(statementTimeoutSeconds))
          .versionColumn(versionColumn)
          .build();
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.USAGE_OR_CONNECTION, e.getMessage(), e);
    }
  }

  private static void openBrowser(Studio studio, PrintWriter err) {
    try {
      if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
        Desktop.getDesktop().browse(studio.url());
        return;
      }
    } catch (Exception | Error e) {
      // headless JVM or no browser: say so below
    }
    err.println("drydock: --open: no desktop browser here; open the address above");
    err.flush();
  }

  private static String describe(List<Path> locations) {
    return String.join(", ", locations.stream().map(Path::toString).toList());
  }
}
