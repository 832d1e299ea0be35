package dev.drydock.codegen;

import dev.drydock.marker.ListingStamp;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.provider.ThrowawayDatabase;
import dev.drydock.snapshot.MigratedDatabase;
import dev.drydock.snapshot.SnapshotSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Logging;
import org.jooq.meta.jaxb.SchemaMappingType;
import org.jooq.meta.jaxb.Target;

/**
 * Code generation, the pull workflow: apply the Flyway migrations to a throwaway PostgreSQL and let
 * jOOQ's code generator introspect it (not to be confused with {@code pull.Pull}, which writes a
 * migration from a live database). Incremental: when the {@link Fingerprint} of migrations,
 * configuration and tool versions matches the one stored with the output, no database is started at
 * all.
 *
 * <pre>{@code
 * GenerationResult result = CodeGeneration.configure()
 *     .migrations(Migrations.configure().location(Path.of("migrations")).build())
 *     .packageName("com.example.db")
 *     .outputDirectory(Path.of("target/generated-sources/jooq"))
 *     .build()
 *     .run();
 * }</pre>
 *
 * The output is written to a temporary sibling directory and moved into place only when complete,
 * so a failed run leaves the previous sources untouched.
 */
public final class CodeGeneration {

  private final Migrations migrations;
  private final String packageName;
  private final Path outputDirectory;
  private final ProviderSettings provider;
  private final List<String> schemas;
  private final String excludes;

  /**
   * jOOQ's record timestamp fields ({@code Table.getRecordTimestamp()}), which the DAO library
   * touches on update. Fixed for now; the generator configuration work makes it a parameter.
   */
  static final String RECORD_TIMESTAMP_FIELDS = "updated_at";

  private final String recordVersionFields;
  private final String recordTimestampFields;
  private final boolean force;
  private final SnapshotSettings snapshots;
  private final Consumer<String> log;
  private final Consumer<String> warnings;
  private final JooqGeneratorSettings jooq;
  private final Optional<String> stamp;
  private final JooqSystemProperties jooqProperties;

  private CodeGeneration(Builder b) {
    this.migrations = b.migrations;
    this.packageName = b.packageName;
    this.outputDirectory =
        OutputOwnership.followLink(b.outputDirectory.toAbsolutePath().normalize());
    this.provider = b.provider;
    this.schemas =
        b.schemas.isEmpty()
            ? (migrations.schemas().isEmpty() ? List.of("public") : migrations.schemas())
            : List.copyOf(b.schemas);
    String history = Pattern.quote(migrations.table());
    this.excludes =
        b.excludes == null || b.excludes.isBlank() ? history : history + "|" + b.excludes;
    this.recordVersionFields = b.recordVersionFields;
    this.recordTimestampFields = b.recordTimestampFields;
    this.force = b.force;
    this.snapshots = b.snapshots;
    this.log = b.log;
    this.warnings = b.warnings == null ? b.log : b.warnings;
    this.jooq = b.jooq;
    this.stamp = Optional.ofNullable(b.stamp);
    this.jooqProperties = JooqSystemProperties.of(b.systemProperties);
  }

  public static Builder configure() {
    return new Builder();
  }

  /** The fingerprint of this workflow's inputs, computed without touching any database. */
  public Fingerprint fingerprint() {
    return fingerprint(describeConfiguration());
  }

  private Fingerprint fingerprint(String configuration) {
    return Fingerprint.of(migrations.resolved().digest(), configuration);
  }

  /** Runs the workflow, or does nothing when the output is up to date. */
  public GenerationResult run() {
    long start = System.nanoTime();
    String configuration = describeConfiguration();
    Optional<String> stamp =
        this.stamp.isPresent()
            ? this.stamp
            : ListingStamp.of(migrations.locations(), configuration);
    if (!force && stamp.isPresent()) {
      // the same files and settings as the run that wrote the output: no Flyway, no jOOQ
      Optional<Fingerprint> same = Fingerprint.unchanged(outputDirectory, stamp.get());
      if (same.isPresent()) {
        new OutputOwnership(outputDirectory, packageName).requireReplaceable();
        return upToDate(same.get(), start);
      }
    }
    // from here a database most likely starts: what the run loads next (Flyway's migrate, the
    // driver; jOOQ when it surely runs) is loaded on a second thread while this one lists, hashes
    // and waits
    boolean jooqSurely =
        force || !Files.isRegularFile(outputDirectory.resolve(CatalogHash.FILE_NAME));
    try (ClassPreload preload =
        jooqSurely
            ? ClassPreload.start(ClassPreload.Section.DATABASE, ClassPreload.Section.JOOQ)
            : ClassPreload.start(ClassPreload.Section.DATABASE)) {
      return migrateAndGenerate(configuration, stamp, start, !jooqSurely);
    }
  }

  private GenerationResult migrateAndGenerate(
      String configuration, Optional<String> stamp, long start, boolean preloadJooq) {
    migrations.requireMigrations();
    OutputOwnership ownership = new OutputOwnership(outputDirectory, packageName);
    ownership.requireReplaceable();
    Fingerprint fingerprint = fingerprint(configuration);
    if (!force && fingerprint.matches(outputDirectory)) {
      stamp.ifPresent(s -> fingerprint.restamp(outputDirectory, s));
      return upToDate(fingerprint, start);
    }
    log.accept(
        "Applying migrations from "
            + migrations.locations()
            + " with Flyway "
            + ToolVersions.flyway());
    try (MigratedDatabase migrated =
        MigratedDatabase.configure()
            .provider(provider)
            .migrations(migrations)
            .snapshots(snapshots)
            .log(log)
            .warnings(warnings)
            .start()) {
      ThrowawayDatabase db = migrated.database();
      log.accept("Using " + db.description() + " (from " + migrated.startedFrom() + ")");
      String catalog = catalogHash(db);
      // the sources are kept only when they are whole: a deleted or added file is regenerated
      if (!force
          && Fingerprint.intact(outputDirectory)
          && CatalogHash.storedIn(outputDirectory).filter(catalog::equals).isPresent()) {
        keepSources(fingerprint, stamp);
        log.accept(
            "Schema unchanged by the migrations (catalog "
                + catalog.substring(0, 12)
                + "): jOOQ sources kept, fingerprint updated");
      } else {
        try (ClassPreload jooqClasses =
            preloadJooq ? ClassPreload.start(ClassPreload.Section.JOOQ) : ClassPreload.start()) {
          generateInto(db, fingerprint, stamp, ownership, catalog);
        }
      }
      return new GenerationResult(
          false,
          outputDirectory,
          fingerprint,
          Optional.of(db.description() + ", from " + migrated.startedFrom()),
          migrated.migrations(),
          migrated.applied(),
          Fingerprint.countSources(outputDirectory),
          Duration.ofNanos(System.nanoTime() - start));
    }
  }

  private GenerationResult upToDate(Fingerprint fingerprint, long start) {
    return new GenerationResult(
        true,
        outputDirectory,
        fingerprint,
        Optional.empty(),
        0,
        0,
        Fingerprint.countSources(outputDirectory),
        Duration.ofNanos(System.nanoTime() - start));
  }

  /** The {@link CatalogHash} of the generated schemas on {@code db} and this configuration. */
  private String catalogHash(ThrowawayDatabase db) {
    try (java.sql.Connection c = db.dataSource().getConnection()) {
      return CatalogHash.of(c, schemas, describeConfiguration());
    } catch (java.sql.SQLException e) {
      throw new CodegenException(
          "Cannot read the catalog of " + db.description() + ": " + e.getMessage(), e);
    }
  }

  /** The output already matches the migrated schema: only the fingerprint is new. */
  private void keepSources(Fingerprint fingerprint, Optional<String> stamp) {
    try {
      fingerprint.writeTo(outputDirectory, stamp);
    } catch (IOException e) {
      throw new CodegenException(
          "Cannot write the fingerprint into " + outputDirectory + ": " + describe(e), e);
    }
  }

  private void generateInto(
      ThrowawayDatabase db,
      Fingerprint fingerprint,
      Optional<String> stamp,
      OutputOwnership ownership,
      String catalog) {
    StagedOutput staged;
    try {
      staged = StagedOutput.beside(outputDirectory);
    } catch (IOException e) {
      throw new CodegenException(
          "Cannot write generated sources under "
              + outputDirectory.getParent()
              + ": "
              + describe(e),
          e);
    }
    try (staged) {
      System.setProperty("org.jooq.no-logo", "true");
      System.setProperty("org.jooq.no-tips", "true");
      log.accept(
          "Generating jOOQ sources for schemas "
              + String.join(", ", schemas)
              + " with jOOQ "
              + ToolVersions.jooq());
      GenerationTool.generate(jooqConfiguration(db, staged.directory()));
      CatalogHash.writeTo(staged.directory(), catalog);
      fingerprint.writeTo(staged.directory(), stamp);
      staged.commit(ownership::requireReplaceable);
    } catch (CodegenException e) {
      throw e;
    } catch (IOException e) {
      throw new CodegenException(
          "Cannot write generated sources to " + outputDirectory + ": " + describe(e), e);
    } catch (Exception e) {
      throw new CodegenException("jOOQ code generation failed: " + e.getMessage(), e);
    }
  }

  Configuration jooqConfiguration(ThrowawayDatabase db, Path directory) {
    Database database =
        new Database()
            .withName(JooqGeneratorSettings.DRYDOCK)
            .withIncludes(".*")
            .withExcludes(excludes)
            .withRecordVersionFields(recordVersionFields)
            .withRecordTimestampFields(recordTimestampFields);
    for (String schema : schemas) {
      database.getSchemata().add(new SchemaMappingType().withInputSchema(schema));
    }
    return new Configuration()
        .withLogging(Logging.WARN)
        .withJdbc(
            new Jdbc()
                .withDriver("org.postgresql.Driver")
                .withUrl(db.jdbcUrl())
                .withUser(db.user())
                .withPassword(db.password()))
        .withGenerator(
            jooq.mergeInto(
                new Generator()
                    .withName(dev.drydock.codegen.writer.DrydockJavaGenerator.NAME)
                    .withDatabase(database)
                    .withGenerate(
                        new Generate()
                            .withGeneratedAnnotation(false)
                            .withJavaTimeTypes(true)
                            .withRecords(true)
                            .withKeys(true)
                            .withIndexes(true)
                            .withSequences(true)
                            .withFluentSetters(true))
                    .withTarget(
                        new Target()
                            .withPackageName(packageName)
                            .withDirectory(directory.toString())
                            .withClean(true)
                            .withEncoding("UTF-8")),
                Pattern.quote(migrations.table())));
  }

  /** Everything about this configuration that changes the generated code, canonically. */
  String describeConfiguration() {
    return String.join(
            "\n",
            ToolVersions.all(),
            "package=" + packageName,
            "schemas=" + schemas,
            "excludes=" + excludes,
            "recordVersionFields=" + recordVersionFields,
            "recordTimestampFields=" + recordTimestampFields,
            "jooqGenerator=" + jooq.describe(),
            "migrationSchemas=" + migrations.schemas(),
            "table=" + migrations.table(),
            "placeholders=" + new TreeMap<>(migrations.placeholders()),
            "flywaySettings=" + migrations.settings().values(),
            "initSql=" + provider.initSql(),
            "postgresBinaries="
                + provider
                    .postgresBinaries()
                    .map(p -> p.getFileName().toString())
                    .orElse("default"))
        + targetLine()
        + jooqProperties.describe();
  }

  /** The target engine, when not PostgreSQL: its rewrites shape the schema jOOQ reads. */
  private String targetLine() {
    dev.drydock.engine.Target target = migrations.target().target();
    return target == dev.drydock.engine.Target.POSTGRESQL ? "" : "\ntarget=" + target.id();
  }

  /**
   * {@code No space left on device}, {@code file already exists: /x}, {@code access denied: /x}.
   */
  static String describe(IOException e) {
    if (e.getClass() == IOException.class) {
      return e.getMessage();
    }
    String what =
        e.getClass()
            .getSimpleName()
            .replace("Exception", "")
            .replaceAll("([a-z])([A-Z])", "$1 $2")
            .toLowerCase(java.util.Locale.ROOT);
    return e.getMessage() == null ? what : what + ": " + e.getMessage();
  }

  /** Fluent builder; every setter returns {@code this}. */
  public static final class Builder {
    private Migrations migrations;
    private String packageName;
    private Path outputDirectory = Path.of("target", "generated-sources", "jooq");
    private ProviderSettings provider = ProviderSettings.defaults();
    private final List<String> schemas = new ArrayList<>();
    private String excludes;
    private String recordVersionFields = "lock_version";
    private String recordTimestampFields = RECORD_TIMESTAMP_FIELDS;
    private boolean force;
    private SnapshotSettings snapshots = SnapshotSettings.defaults();
    private Consumer<String> log = line -> {};
    private Consumer<String> warnings;
    private JooqGeneratorSettings jooq = JooqGeneratorSettings.none();
    private String stamp;
    private Properties systemProperties = System.getProperties();

    private Builder() {}

    /**
     * The system properties jOOQ's code generator reads ({@code jooq.codegen.*}), for the
     * fingerprint; default: this JVM's, which jOOQ reads (a test gives its own).
     */
    public Builder systemProperties(Properties systemProperties) {
      this.systemProperties = Objects.requireNonNull(systemProperties, "systemProperties");
      return this;
    }

    /**
     * The stamp of this run's inputs as its caller computed it over everything that can change the
     * output (the thin Maven plugin's stamp of the goal's parameters, Flyway config file,
     * environment, dependency versions and the migrations' files), written into the marker instead
     * of the engine's own {@link ListingStamp}; the caller answers "up to date" from it alone.
     */
    public Builder stamp(String stamp) {
      this.stamp = stamp;
      return this;
    }

    public Builder migrations(Migrations migrations) {
      this.migrations = Objects.requireNonNull(migrations, "migrations");
      return this;
    }

    /** Java package of the generated classes, e.g. {@code com.example.db}. */
    public Builder packageName(String packageName) {
      this.packageName = Objects.requireNonNull(packageName, "packageName");
      return this;
    }

    public Builder outputDirectory(Path outputDirectory) {
      this.outputDirectory = Objects.requireNonNull(outputDirectory, "outputDirectory");
      return this;
    }

    public Builder provider(ProviderSettings provider) {
      this.provider = Objects.requireNonNull(provider, "provider");
      return this;
    }

    /** Schemas to generate code for; defaults to the migrations' schemas, else {@code public}. */
    public Builder schemas(List<String> schemas) {
      this.schemas.addAll(schemas);
      return this;
    }

    /** jOOQ exclude regex; Flyway's history table is always excluded. */
    public Builder excludes(String regex) {
      this.excludes = regex;
      return this;
    }

    /** Columns jOOQ uses for optimistic locking (regex); default {@code lock_version}. */
    public Builder recordVersionFields(String regex) {
      this.recordVersionFields = regex;
      return this;
    }

    /**
     * Columns that become jOOQ's record timestamp fields ({@code Table.getRecordTimestamp()}), a
     * regular expression; default {@code updated_at}. The DAO library touches them on update.
     */
    public Builder recordTimestampFields(String regex) {
      this.recordTimestampFields = regex;
      return this;
    }

    /** Regenerate even when the fingerprint matches. */
    public Builder force(boolean force) {
      this.force = force;
      return this;
    }

    /**
     * The project's own jOOQ {@code <generator>} settings, merged with Drydock's (which keeps the
     * connection, dialect, history-table exclusion and target).
     */
    public Builder jooqGenerator(JooqGeneratorSettings jooq) {
      this.jooq = Objects.requireNonNull(jooq, "jooq");
      return this;
    }

    /**
     * Whether the migrated throwaway cluster may start from, and is saved as, a migration snapshot
     * (default: on, see {@link SnapshotSettings}).
     */
    public Builder snapshots(SnapshotSettings snapshots) {
      this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
      return this;
    }

    /** Receives one-line progress messages. */
    public Builder log(Consumer<String> log) {
      this.log = Objects.requireNonNull(log, "log");
      return this;
    }

    /**
     * Receives what the user must see even without progress output: a cached snapshot or catalog
     * that failed its check and was discarded. Default: the {@link #log}.
     */
    public Builder warnings(Consumer<String> warnings) {
      this.warnings = Objects.requireNonNull(warnings, "warnings");
      return this;
    }

    public CodeGeneration build() {
      if (migrations == null) {
        throw new IllegalStateException("migrations(...) is required");
      }
      if (packageName == null || packageName.isBlank()) {
        throw new IllegalStateException("packageName(...) is required");
      }
      // conflicts in the project's jOOQ settings are reported before anything starts
      jooq.requireMergeable(packageName);
      return new CodeGeneration(this);
    }
  }
}
