package dev.drydock.bench;

import dev.drydock.codegen.CodeGeneration;
import dev.drydock.codegen.GenerationResult;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.provider.ThrowawayDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Logging;
import org.jooq.meta.jaxb.Property;
import org.jooq.meta.jaxb.SchemaMappingType;
import org.jooq.meta.jaxb.Target;

/**
 * The three ways to get jOOQ classes from migrations that the benchmarks compare. Each writes into
 * {@code output} (replacing it) and returns the number of generated {@code .java} files.
 */
public final class Pipelines {
  private Pipelines() {}

  static {
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
  }

  /** Phase name to elapsed nanoseconds, in the order the phases ran. */
  public static final class Phases {
    private final Map<String, Long> nanos = new LinkedHashMap<>();
    private long mark = System.nanoTime();

    /** Ends the current phase under {@code name} and starts the next one. */
    void lap(String name) {
      long now = System.nanoTime();
      nanos.merge(name, now - mark, Long::sum);
      mark = now;
    }

    public Map<String, Long> nanos() {
      return nanos;
    }
  }

  /**
   * The baseline: the same steps written by hand in one JVM, as a user would without Drydock's
   * workflow: start the embedded PostgreSQL, plain Flyway, jOOQ's {@link GenerationTool} with the
   * same generator settings as {@link CodeGeneration}. No fingerprint, no staging directory.
   */
  public static long handWritten(
      Path migrations, Path output, String packageName, ProviderSettings provider, Phases phases) {
    phases.lap("setup");
    try (ThrowawayDatabase db = ThrowawayDatabase.start(provider)) {
      phases.lap("provider start");
      migrateAndGenerate(db, migrations, output, packageName, phases);
    }
    phases.lap("provider stop");
    return countSources(output);
  }

  /** Plain Flyway, then jOOQ's GenerationTool: the baseline's two steps after the start. */
  private static void migrateAndGenerate(
      ThrowawayDatabase db, Path migrations, Path output, String packageName, Phases phases) {
    Flyway.configure(Pipelines.class.getClassLoader())
        .dataSource(db.dataSource())
        .locations("filesystem:" + migrations.toAbsolutePath())
        .loggers("slf4j")
        .load()
        .migrate();
    phases.lap("flyway migrate");
    try {
      GenerationTool.generate(postgresConfiguration(db, output, packageName));
    } catch (Exception e) {
      throw new IllegalStateException("jOOQ code generation failed: " + e.getMessage(), e);
    }
    phases.lap("jooq codegen");
  }

  public static long handWritten(
      Path migrations, Path output, String packageName, ProviderSettings provider) {
    return handWritten(migrations, output, packageName, provider, new Phases());
  }

  /**
   * An experiment, not a baseline: the hand-written pipeline with the provider start overlapped
   * with loading and initialising the Flyway and jOOQ classes on the calling thread. In a fresh JVM
   * (every Maven build) class loading and the PostgreSQL start each take around a second, and
   * neither needs the other. Measures what the same change in {@code CodeGeneration.run()} would
   * gain.
   */
  public static long handWrittenOverlapped(
      Path migrations, Path output, String packageName, ProviderSettings provider, Phases phases) {
    phases.lap("setup");
    CompletableFuture<ThrowawayDatabase> starting =
        CompletableFuture.supplyAsync(() -> ThrowawayDatabase.start(provider));
    preloadClasses();
    phases.lap("class preload (overlapped)");
    try (ThrowawayDatabase db = join(starting)) {
      phases.lap("provider start (rest)");
      migrateAndGenerate(db, migrations, output, packageName, phases);
    }
    phases.lap("provider stop");
    return countSources(output);
  }

  /** Loads and initialises what Flyway and jOOQ's generator need, without a database. */
  static void preloadClasses() {
    Flyway.configure(Pipelines.class.getClassLoader()).loggers("slf4j").load();
    ClassLoader loader = Pipelines.class.getClassLoader();
    for (String name : PRELOAD) {
      try {
        Class.forName(name, true, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        // a hint only
      }
    }
    new org.jooq.meta.postgres.PostgresDatabase();
  }

  private static final String[] PRELOAD = {
    "org.postgresql.Driver",
    "org.flywaydb.database.postgresql.PostgreSQLDatabaseType",
    "org.jooq.impl.DSL",
    "org.jooq.impl.SQLDataType",
    "org.jooq.util.postgres.PostgresDataType",
    "org.jooq.meta.postgres.PostgresDatabase",
    "org.jooq.codegen.GenerationTool",
    "org.jooq.codegen.JavaGenerator",
    "org.jooq.codegen.GeneratorStrategyWrapper",
    "org.jooq.meta.jaxb.Configuration",
  };

  private static ThrowawayDatabase join(CompletableFuture<ThrowawayDatabase> starting) {
    try {
      return starting.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /** Drydock's pull workflow in-process, forced (fingerprint ignored): what a warm build does. */
  public static long pullWorkflow(
      Path migrations, Path output, String packageName, ProviderSettings provider) {
    GenerationResult result =
        CodeGeneration.configure()
            .migrations(Migrations.configure().location(migrations).build())
            .packageName(packageName)
            .outputDirectory(output)
            .provider(provider)
            .force(true)
            .build()
            .run();
    return result.sourceFiles();
  }

  /**
   * jOOQ's own alternative: {@code DDLDatabase} parses the migration scripts with jOOQ's parser and
   * interprets them in an in-memory H2, without PostgreSQL. Throws where jOOQ cannot parse them.
   */
  public static long ddlDatabase(Path migrations, Path output, String packageName) {
    Configuration configuration =
        new Configuration()
            .withLogging(Logging.ERROR)
            .withGenerator(
                new Generator()
                    .withName("org.jooq.codegen.JavaGenerator")
                    .withDatabase(
                        new Database()
                            .withName("org.jooq.meta.extensions.ddl.DDLDatabase")
                            .withIncludes(".*")
                            .withExcludes("flyway_schema_history")
                            .withRecordVersionFields("lock_version")
                            .withProperties(
                                property("scripts", migrations.toAbsolutePath() + "/*.sql"),
                                property("sort", "flyway"),
                                property("defaultNameCase", "lower")))
                    .withGenerate(generate())
                    .withTarget(target(output, packageName)));
    try {
      GenerationTool.generate(configuration);
    } catch (Exception e) {
      throw new IllegalStateException("DDLDatabase failed: " + e.getMessage(), e);
    }
    return countSources(output);
  }

  /** The generator settings of {@code CodeGeneration.jooqConfiguration} (package-private there). */
  static Configuration postgresConfiguration(
      ThrowawayDatabase db, Path output, String packageName) {
    Database database =
        new Database()
            .withName("org.jooq.meta.postgres.PostgresDatabase")
            .withIncludes(".*")
            .withExcludes("\\Qflyway_schema_history\\E")
            .withRecordVersionFields("lock_version");
    database.getSchemata().add(new SchemaMappingType().withInputSchema("public"));
    return new Configuration()
        .withLogging(Logging.WARN)
        .withJdbc(
            new Jdbc()
                .withDriver("org.postgresql.Driver")
                .withUrl(db.jdbcUrl())
                .withUser(db.user())
                .withPassword(db.password()))
        .withGenerator(
            new Generator()
                .withName("org.jooq.codegen.JavaGenerator")
                .withDatabase(database)
                .withGenerate(generate())
                .withTarget(target(output, packageName)));
  }

  private static Generate generate() {
    return new Generate()
        .withGeneratedAnnotation(false)
        .withJavaTimeTypes(true)
        .withRecords(true)
        .withKeys(true)
        .withIndexes(true)
        .withSequences(true)
        .withFluentSetters(true);
  }

  private static Target target(Path output, String packageName) {
    return new Target()
        .withPackageName(packageName)
        .withDirectory(output.toString())
        .withClean(true)
        .withEncoding("UTF-8");
  }

  private static Property property(String key, String value) {
    return new Property().withKey(key).withValue(value);
  }

  static long countSources(Path directory) {
    if (!Files.isDirectory(directory)) {
      return 0;
    }
    try (Stream<Path> walk = Files.walk(directory)) {
      return walk.filter(p -> p.toString().endsWith(".java")).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
