package dev.drydock.migrate;

import dev.drydock.files.KeyDigest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * The migrations as Flyway's own resolver sees them, built once per {@link Migrations}: versioned,
 * baseline and repeatable migrations and SQL callbacks, each with its {@code .conf} as Flyway
 * parses it, in the order Flyway applies them to an empty database (versioned by version, then
 * repeatables by description; callbacks by name). Everything that asks "which files are migrations"
 * reads this list: the fingerprint, the snapshot keys, the naming check, the counts.
 */
public final class ResolvedMigrations {

  /** What Flyway makes of a file. */
  public enum Kind {
    VERSIONED,
    BASELINE,
    REPEATABLE,
    CALLBACK
  }

  /**
   * One migration or callback Flyway resolved.
   *
   * @param file the script on disk (symbolic links followed)
   * @param script its path relative to its location, as Flyway's history records it
   * @param version Flyway's version ({@code 1.2}); null for repeatables and callbacks
   * @param conf its {@code .conf}, if it has one
   * @param checksum Flyway's checksum of the script (for a repeatable with placeholders, before
   *     replacement)
   * @param executeInTransaction what its {@code .conf} says, as Flyway parses it (default true)
   */
  public record Script(
      Kind kind,
      Path file,
      String script,
      String version,
      String description,
      Optional<Path> conf,
      int checksum,
      boolean executeInTransaction) {

    /** The script and, when present, its {@code .conf}. */
    public List<Path> files() {
      return conf.map(c -> List.of(file, c)).orElse(List.of(file));
    }
  }

  /** A file in the locations that Flyway skips, and why. */
  public record Skipped(Path file, String script, String reason) {}

  /** What {@link FlywayInternals#scan} reports per file: a script, or else why not. */
  record Scanned(
      Kind kind,
      Path file,
      String script,
      String version,
      String description,
      Path conf,
      Integer checksum,
      boolean executeInTransaction,
      String invalid) {

    static Scanned other(Path file, String script, String why) {
      return new Scanned(null, file, script, null, null, null, null, true, why);
    }

    static Scanned invalid(Path file, String script, String why) {
      return other(file, script, why == null ? "not a migration Flyway recognises" : why);
    }
  }

  private final List<Script> versioned;
  private final List<Script> repeatables;
  private final List<Script> callbacks;
  private final List<Skipped> skipped;
  private final List<String> suffixes;
  private final String prefix;
  private final String separator;

  private ResolvedMigrations(
      List<Script> versioned,
      List<Script> repeatables,
      List<Script> callbacks,
      List<Skipped> skipped,
      List<String> suffixes,
      String prefix,
      String separator) {
    this.versioned = List.copyOf(versioned);
    this.repeatables = List.copyOf(repeatables);
    this.callbacks = List.copyOf(callbacks);
    this.skipped = List.copyOf(skipped);
    this.suffixes = List.copyOf(suffixes);
    this.prefix = prefix;
    this.separator = separator;
  }

  static ResolvedMigrations of(Configuration flyway) {
    List<Script> versioned = new ArrayList<>();
    List<Script> repeatables = new ArrayList<>();
    List<Script> callbacks = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    List<String> suffixes = List.of(flyway.getSqlMigrationSuffixes());
    MigrationNaming naming = new MigrationNaming(flyway);
    for (Scanned s : FlywayInternals.scan(flyway)) {
      if (s.kind() == null) {
        String name = s.file().getFileName().toString();
        if (s.invalid() != null) {
          skipped.add(
              new Skipped(
                  s.file(),
                  s.script(),
                  naming.problem(name).orElse("Flyway would skip it: " + s.invalid())));
        } else if (name.toLowerCase(Locale.ROOT).endsWith(".sql")) {
          skipped.add(
              new Skipped(
                  s.file(),
                  s.script(),
                  "not a migration Flyway runs (its suffix is not one of " + suffixes + ")"));
        }
        continue;
      }
      Script script =
          new Script(
              s.kind(),
              s.file(),
              s.script(),
              s.version(),
              s.description(),
              Optional.ofNullable(s.conf()),
              s.checksum(),
              s.executeInTransaction());
      switch (s.kind()) {
        case VERSIONED, BASELINE -> versioned.add(script);
        case REPEATABLE -> repeatables.add(script);
        case CALLBACK -> callbacks.add(script);
      }
    }
    versioned.sort(
        Comparator.comparing((Script v) -> MigrationVersion.fromVersion(v.version()))
            .thenComparing(v -> v.kind() == Kind.BASELINE ? 0 : 1)
            .thenComparing(Script::script));
    repeatables.sort(Comparator.comparing(Script::description).thenComparing(Script::script));
    callbacks.sort(
        Comparator.comparing((Script c) -> c.file().getFileName().toString())
            .thenComparing(Script::script));
    skipped.sort(Comparator.comparing(Skipped::script));
    return new ResolvedMigrations(
        versioned,
        repeatables,
        callbacks,
        skipped,
        suffixes,
        flyway.getSqlMigrationPrefix(),
        flyway.getSqlMigrationSeparator());
  }

  /** Versioned and baseline migrations, by version. */
  public List<Script> versioned() {
    return versioned;
  }

  /** Repeatable migrations, by description (the order Flyway runs them). */
  public List<Script> repeatables() {
    return repeatables;
  }

  /** SQL callbacks ({@code afterMigrate.sql}, ...), by name. */
  public List<Script> callbacks() {
    return callbacks;
  }

  /** Everything Flyway runs: versioned, then repeatables, then callbacks. */
  public List<Script> all() {
    List<Script> all = new ArrayList<>(versioned);
    all.addAll(repeatables);
    all.addAll(callbacks);
    return all;
  }

  /** Number of migrations (versioned, baseline and repeatable; callbacks not counted). */
  public int migrationCount() {
    return versioned.size() + repeatables.size();
  }

  /** Files Flyway would skip although they look like migrations (suffix, or {@code .sql}). */
  public List<Skipped> skipped() {
    return skipped;
  }

  /** The configured suffixes ({@code .sql} by default). */
  public List<String> suffixes() {
    return suffixes;
  }

  /** The configured versioned prefix ({@code V} by default). */
  public String prefix() {
    return prefix;
  }

  /** The configured separator between version and description ({@code __} by default). */
  public String separator() {
    return separator;
  }

  /**
   * The versions of the versioned migrations as their file names write them ({@code 1_2} for {@code
   * V1_2__x.sql}), in Flyway's order.
   */
  public List<String> writtenVersions() {
    List<String> written = new ArrayList<>();
    for (Script v : versioned) {
      String name = v.file().getFileName().toString();
      int end = name.indexOf(separator, prefix.length());
      if (v.kind() == Kind.VERSIONED && name.startsWith(prefix) && end > prefix.length()) {
        written.add(name.substring(prefix.length(), end));
      }
    }
    return written;
  }

  /** The resolved script whose history name or file name is {@code script}. */
  public Optional<Script> find(String script) {
    return all().stream()
        .filter(s -> s.script().equals(script))
        .findFirst()
        .or(
            () ->
                all().stream()
                    .filter(s -> s.file().getFileName().toString().equals(script))
                    .findFirst());
  }

  /**
   * SHA-256 over what Flyway applies: for each script in order its kind, version, description,
   * history name, bytes and its {@code .conf}'s bytes. Changes if and only if the list does.
   */
  public String digest() {
    KeyDigest sha = KeyDigest.start();
    for (Script s : all()) {
      sha.text(s.kind().name())
          .text(String.valueOf(s.version()))
          .text(String.valueOf(s.description()))
          .text(s.script());
      for (Path file : s.files()) {
        sha.text(file.equals(s.file()) ? "script" : "conf").content(file);
      }
    }
    return sha.hex();
  }
}
