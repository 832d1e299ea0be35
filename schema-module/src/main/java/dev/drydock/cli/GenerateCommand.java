package dev.drydock.cli;

import dev.drydock.codegen.CodeGeneration;
import dev.drydock.codegen.CodegenException;
import dev.drydock.codegen.GenerationResult;
import dev.drydock.codegen.JooqGeneratorSettings;
import dev.drydock.migrate.Migrations;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin ThrowawayOptions throwaway;
  @Mixin SharedOptions shared;
  @Spec CommandSpec spec;

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
      description = "Schema(s) to generate; default: the Flyway schemas, else public.")
  List<String> schemas = new ArrayList<>();

  @Option(
      names = "--jooq-config",
      paramLabel = "FILE",
      description =
          "jOOQ code generation settings as jOOQ XML (a <configuration> or <generator> root:"
              + " forced types, includes, excludes, <generate> flags, strategy), merged with"
              + " Drydock's; no <jdbc>, no conflicting <target>.")
  Path jooqConfig;

  @Option(names = "--force", description = "Regenerate even when nothing changed.")
  boolean force;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Progress progress = shared.progress(spec.commandLine().getErr());
    Migrations migrations = shared.migrations(root.environment);
    try {
      GenerationResult result =
          CodeGeneration.configure()
              .migrations(migrations)
              .packageName(packageName)
              .outputDirectory(output)
              .provider(throwaway.settings(root))
              .snapshots(throwaway.snapshots(root))
              .schemas(schemas)
              .force(force)
              .jooqGenerator(
                  jooqConfig == null
                      ? JooqGeneratorSettings.none()
                      : JooqGeneratorSettings.load(jooqConfig))
              .log(progress::note)
              .warnings(progress::warn)
              .build()
              .run();
      out.println(result.summary());
      out.flush();
      return ExitCodes.OK;
    } catch (CodegenException e) {
      throw new CliException(ExitCodes.USAGE_OR_CONNECTION, e.getMessage(), e);
    }
  }
}
