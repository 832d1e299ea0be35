package dev.drydock.codegen;

import dev.drydock.migrate.Migrations;
import java.nio.file.Path;

/**
 * A child JVM's up-to-date check: {@code <migrations> <output> [with-generator]}; prints the
 * summary. With {@code with-generator}, the project's jOOQ settings are {@link #GENERATOR}, as the
 * goal's {@code <generator>} parameter gives them.
 */
public final class NoOpProbe {

  private NoOpProbe() {}

  /** Project settings a Maven user writes: a forced type. */
  static org.jooq.meta.jaxb.Generator generator() {
    return new org.jooq.meta.jaxb.Generator()
        .withDatabase(
            new org.jooq.meta.jaxb.Database()
                .withForcedTypes(
                    new org.jooq.meta.jaxb.ForcedType()
                        .withName("VARCHAR")
                        .withIncludeTypes("CHARACTER VARYING")));
  }

  public static void main(String[] args) {
    CodeGeneration.Builder workflow =
        CodeGeneration.configure()
            .migrations(Migrations.configure().location(Path.of(args[0])).build())
            .packageName("com.example.db")
            .outputDirectory(Path.of(args[1]));
    if (args.length > 2 && args[2].equals("with-generator")) {
      workflow.jooqGenerator(JooqGeneratorSettings.of(generator()));
    }
    GenerationResult result = workflow.build().run();
    System.out.println("RESULT upToDate=" + result.upToDate());
  }
}
