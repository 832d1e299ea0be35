package dev.drydock.codegen;

import dev.drydock.migrate.Migrations;
import java.nio.file.Path;

/** A child JVM's up-to-date check: {@code <migrations> <output>}; prints the summary. */
public final class NoOpProbe {

  private NoOpProbe() {}

  public static void main(String[] args) {
    GenerationResult result =
        CodeGeneration.configure()
            .migrations(Migrations.configure().location(Path.of(args[0])).build())
            .packageName("com.example.db")
            .outputDirectory(Path.of(args[1]))
            .build()
            .run();
    System.out.println("RESULT upToDate=" + result.upToDate());
  }
}
