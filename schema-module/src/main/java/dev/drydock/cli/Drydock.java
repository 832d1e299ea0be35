package dev.drydock.cli;

import dev.drydock.codegen.ToolVersions;
import dev.drydock.introspect.IntrospectionException;
import dev.drydock.lifecycle.JvmShutdown;
import dev.drydock.migrate.MigrationException;
import dev.drydock.provider.ProviderException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code drydock} command line: {@code diff}, {@code check}, {@code migrate}, {@code generate},
 * {@code pull}, {@code studio}, {@code cache}, {@code doctor}.
 */
@Command(
    name = "drydock",
    mixinStandardHelpOptions = true,
    versionProvider = Drydock.Version.class,
    description = "Migrations-first PostgreSQL toolkit: schema drift detection and migrations.",
    subcommands = {
      DiffCommand.class,
      LintCommand.class,
      CheckCommand.class,
      MigrateCommand.class,
      GenerateCommand.class,
      PullCommand.class,
      DraftCommand.class,
      StudioCommand.class,
      CacheCommand.class,
      DoctorCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no drift / success",
      "1:drift found",
      "2:usage or connection error",
      "3:migrations fail to apply"
    })
public final class Drydock {

  @Option(
      names = "--verbose",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Show stack traces of errors (passwords still masked).")
  boolean verbose;

  final Map<String, String> environment;
  final Secrets secrets = new Secrets();

  /** The command line as run from a shell, with the process's environment. */
  public Drydock() {
    this(System.getenv());
  }

  public Drydock(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
    secrets.add(this.environment.get("PGPASSWORD"));
    secrets.addFromUrl(this.environment.get("DATABASE_URL"));
    secrets.addFromUrl(this.environment.get("DRYDOCK_PROVIDER_URL"));
  }

  public static void main(String[] args) {
    System.setProperty("slf4j.internal.verbosity", "ERROR");
    Logger.getLogger("org.postgresql").setLevel(Level.OFF);
    JvmShutdown.exitOnSignals();
    int code = commandLine(new Drydock(System.getenv())).execute(args);
    // once a signal began the shutdown, its code wins over the failure the shutdown caused
    System.exit(JvmShutdown.exitCode(code));
  }

  /** A configured command line: tests call {@code execute} on it with their own writers. */
  public static CommandLine commandLine(Drydock root) {
    CommandLine cli = new CommandLine(root);
    cli.setExecutionStrategy(parseResult -> RedactingWriter.around(cli, root.secrets, parseResult));
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          int code =
              JvmShutdown.signalExitCode().isPresent()
                  ? JvmShutdown.signalExitCode().getAsInt()
                  : e instanceof CliException ce
                      ? ce.exitCode()
                      : e instanceof MigrationException
                          ? ExitCodes.MIGRATIONS_FAILED
                          : ExitCodes.USAGE_OR_CONNECTION;
          String message =
              JvmShutdown.inProgress()
                  ? "interrupted; throwaway databases and temporary files are being removed"
                  : describe(e);
          err.println("drydock: " + root.secrets.redact(message));
          if (root.verbose) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.print(root.secrets.redact(trace.toString()));
          }
          err.flush();
          return code;
        });
    cli.setParameterExceptionHandler(
        (e, args) -> {
          CommandLine c = e.getCommandLine();
          PrintWriter err = c.getErr();
          err.println(
              "drydock: "
                  + root.secrets.redact(LiveDatabase.firstLine(e.getMessage()))
                  + " (try '"
                  + c.getCommandSpec().qualifiedName()
                  + " --help')");
          err.flush();
          return ExitCodes.USAGE_OR_CONNECTION;
        });
    return cli;
  }

  /** The one line every command's failure is told in (its exit code is decided beside it). */
  private static String describe(Exception e) {
    if (e instanceof CliException || e instanceof IntrospectionException) {
      return e.getMessage();
    }
    if (e instanceof MigrationException me) {
      return "Migration failed: " + me.locatedMessage();
    }
    if (e instanceof ProviderException) {
      return "Cannot start a throwaway PostgreSQL: " + LiveDatabase.firstLine(e.getMessage());
    }
    if (e instanceof SQLException) {
      return "Database error: " + LiveDatabase.firstLine(e.getMessage());
    }
    return "unexpected error: " + LiveDatabase.firstLine(String.valueOf(e));
  }

  /** Drydock's version and the versions of what it drives and runs on. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "drydock " + ToolVersions.drydock(),
        "jOOQ " + ToolVersions.jooq() + ", Flyway " + ToolVersions.flyway(),
        "PostgreSQL " + ToolVersions.postgresBinaries() + " (embedded throwaway server, bundled)",
        "Java "
            + Runtime.version()
            + " ("
            + System.getProperty("java.vendor", "unknown vendor")
            + ", "
            + System.getProperty("java.home")
            + ")"
      };
    }
  }
}
