package dev.drydock.bench.codegen;

import dev.drydock.codegen.GenerationResult;
import dev.drydock.codegen.JooqGeneratorSettings;
import dev.drydock.codegen.PullWorkflow;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.snapshot.SnapshotSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generator;

/**
 * One forced generation in this JVM, for profiling: {@code CodegenProbe TABLES stock|drydock CACHE
 * WORK}. Prints one line of phase times.
 */
public final class CodegenProbe {

  private CodegenProbe() {}

  public static void main(String[] args) throws Exception {
    int tables = Integer.parseInt(args[0]);
    boolean stock = args[1].equals("stock");
    Path cache = Path.of(args[2]);
    Path work = Files.createDirectories(Path.of(args[3]));
    Path migrations = WideSchema.write(work.resolve("migrations"), tables);
    Database database = new Database();
    if (stock) {
      database.setName("org.jooq.meta.postgres.PostgresDatabase");
    }
    Generator generator =
        new Generator().withName(TimedJavaGenerator.class.getName()).withDatabase(database);
    long t = System.nanoTime();
    GenerationResult result =
        PullWorkflow.configure()
            .migrations(Migrations.configure().location(migrations).build())
            .packageName("dev.drydock.bench.wide")
            .outputDirectory(work.resolve("out"))
            .provider(
                ProviderSettings.configure()
                    .kind(ProviderKind.EMBEDDED)
                    .cacheDirectory(cache)
                    .build())
            .snapshots(SnapshotSettings.disabled())
            .jooqGenerator(JooqGeneratorSettings.of(generator))
            .force(true)
            .log(System.err::println)
            .build()
            .run();
    System.out.printf(
        Locale.ROOT,
        "tables=%d mode=%s total=%.0fms meta=%.0fms write=%.0fms files=%d%n",
        tables,
        args[1],
        (System.nanoTime() - t) / 1e6,
        TimedJavaGenerator.metaNanos / 1e6,
        TimedJavaGenerator.writeNanos / 1e6,
        result.sourceFiles());
  }
}
