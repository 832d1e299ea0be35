package dev.drydock.bench;

import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The two schemas the benchmarks run: the project's own seed migrations ({@code migrations/}) and
 * Pagila ({@code ../shared/corpora/pagila/pagila-schema.sql}, a real pg_dump) minus its pgvector
 * objects, on PostgreSQL 18 (it calls {@code uuidv7()}).
 *
 * <p>Settings come from system properties that {@code benchmarks/run.sh} sets: {@value
 * #ROOT_PROPERTY} (the project root) and {@value #PG18_PROPERTY} (zonky's PostgreSQL 18 binaries
 * jar, copied by this module's build).
 */
public enum Corpus {
  SEED("dev.drydock.generated", null),
  PAGILA("org.pagila", "18.1.0");

  static final String ROOT_PROPERTY = "drydock.bench.root";
  static final String PG18_PROPERTY = "drydock.bench.postgres18";
  private static final Pattern NEEDS_PGVECTOR = Pattern.compile("\\bvector\\b|film_embedding");

  private final String packageName;
  private final String postgresVersion;

  Corpus(String packageName, String postgresVersion) {
    this.packageName = packageName;
    this.postgresVersion = postgresVersion;
  }

  public String packageName() {
    return packageName;
  }

  /** The embedded PostgreSQL version the Maven goal is told to use; null for its default (17). */
  public String postgresVersion() {
    return postgresVersion;
  }

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Corpus parse(String name) {
    return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
  }

  static Path projectRoot() {
    return Path.of(System.getProperty(ROOT_PROPERTY, ".")).toAbsolutePath().normalize();
  }

  /** Writes this corpus's Flyway migrations into {@code dir} (created if missing). */
  public void writeMigrations(Path dir) {
    try {
      Files.createDirectories(dir);
      if (this == SEED) {
        try (Stream<Path> files = Files.list(projectRoot().resolve("migrations"))) {
          for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
            Files.copy(file, dir.resolve(file.getFileName()));
          }
        }
      } else {
        Files.writeString(dir.resolve("V1__pagila.sql"), pagilaWithoutPgvector());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The migration the warm scenario edits (appends a comment to), so the fingerprint changes. */
  public Path lastMigration(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> sql = files.filter(f -> f.toString().endsWith(".sql")).sorted().toList();
      return sql.get(sql.size() - 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Embedded PostgreSQL of the version this corpus needs, with the given binaries cache. */
  public ProviderSettings provider(Path cacheDirectory) {
    ProviderSettings.Builder b =
        ProviderSettings.configure().kind(ProviderKind.EMBEDDED).cacheDirectory(cacheDirectory);
    if (this == PAGILA) {
      b.postgresBinaries(postgres18Jar());
    }
    return b.build();
  }

  public ProviderSettings provider() {
    return provider(ProviderSettings.defaultCacheDirectory());
  }

  public static Path postgres18Jar() {
    String jar = System.getProperty(PG18_PROPERTY);
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException(
          "PostgreSQL 18 binaries not found (-D" + PG18_PROPERTY + "=" + jar + "): use run.sh");
    }
    return Path.of(jar);
  }

  /** The dump without the pgvector extension and the objects that use it (as the tests do). */
  public static String pagilaWithoutPgvector() {
    Path dump = projectRoot().resolve("../shared/corpora/pagila/pagila-schema.sql").normalize();
    String text;
    try {
      text = Files.readString(dump, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Pagila corpus not readable at " + dump, e);
    }
    // pg_dump writes one "--\n-- Name: ..." header per object: drop those that need pgvector
    return Stream.of(text.split("(?=\n--\n-- Name: )"))
        .filter(chunk -> !NEEDS_PGVECTOR.matcher(chunk).find())
        .collect(Collectors.joining());
  }
}
