package dev.drydock.bench.codegen;

import dev.drydock.codegen.CodeGeneration;
import dev.drydock.codegen.GenerationResult;
import dev.drydock.codegen.JooqGeneratorSettings;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.snapshot.SnapshotSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generator;

/**
 * One {@code CodeGeneration} run in a fresh JVM, the child process of {@link CodegenSection}:
 * {@code --migrations=DIR --out=DIR --cache=DIR --meta=stock|drydock --snapshots=on|off
 * --force=true|false [--pg18=JAR]}. Prints one {@code RESULT} line: the phases in milliseconds
 * (from the workflow's log lines and {@link TimedJavaGenerator}) and the peak RSS ({@code VmHWM}).
 */
public final class CodegenProbe {

  private CodegenProbe() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new HashMap<>();
    for (String arg : args) {
      String[] kv = arg.substring(2).split("=", 2);
      o.put(kv[0], kv[1]);
    }
    Database database = new Database();
    if (o.get("meta").equals("stock")) {
      // jOOQ's own reader and writer: PostgresDatabase and JavaGenerator (timed)
      database.setName("org.jooq.meta.postgres.PostgresDatabase");
    }
    Generator generator =
        new Generator()
            .withName(
                (o.get("meta").equals("stock")
                        ? TimedJavaGenerator.class
                        : TimedDrydockJavaGenerator.class)
                    .getName())
            .withDatabase(database);
    ProviderSettings.Builder provider =
        ProviderSettings.configure()
            .kind(ProviderKind.EMBEDDED)
            .cacheDirectory(Path.of(o.get("cache")));
    if (o.containsKey("pg18")) {
      provider.postgresBinaries(Path.of(o.get("pg18")));
    }
    Map<String, Long> marks = new HashMap<>();
    CodeGeneration workflow =
        CodeGeneration.configure()
            .migrations(Migrations.configure().location(Path.of(o.get("migrations"))).build())
            .packageName("dev.drydock.bench.generated")
            .outputDirectory(Path.of(o.get("out")))
            .provider(provider.build())
            .snapshots(
                o.get("snapshots").equals("on")
                    ? SnapshotSettings.defaults()
                    : SnapshotSettings.disabled())
            .jooqGenerator(JooqGeneratorSettings.of(generator))
            .force(Boolean.parseBoolean(o.get("force")))
            .log(
                line -> {
                  long now = System.nanoTime();
                  if (line.startsWith("Applying migrations")) {
                    marks.put("applying", now);
                  } else if (line.startsWith("Using ")) {
                    marks.put("using", now);
                  } else if (line.startsWith("Generating jOOQ")) {
                    marks.put("generating", now);
                  } else if (line.startsWith("Schema unchanged")) {
                    marks.put("kept", now);
                  }
                })
            .build();
    long t0 = System.nanoTime();
    GenerationResult result = workflow.run();
    long end = System.nanoTime();
    long applying = marks.getOrDefault("applying", t0);
    long using = marks.getOrDefault("using", applying);
    boolean kept = marks.containsKey("kept");
    long hashed = kept ? marks.get("kept") : marks.getOrDefault("generating", using);
    long generated = kept ? hashed : TimedJavaGenerator.endNanos;
    System.out.printf(
        Locale.ROOT,
        "RESULT total=%.0f start=%.0f hash=%.0f meta=%.0f write=%.0f swap=%.0f files=%d"
            + " rss=%d cpu=%.0f kept=%b from=%s%n",
        ms(end - t0),
        ms(using - applying),
        ms(hashed - using),
        ms(TimedJavaGenerator.metaNanos),
        ms(TimedJavaGenerator.writeNanos),
        ms(end - generated),
        result.sourceFiles(),
        peakRssKb(),
        ms(
            ((com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime()),
        kept,
        result.database().orElse("none").replaceAll(".*, from ", "").replace(' ', '_'));
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static long peakRssKb() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return -1;
  }
}
