package dev.drydock.migrate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * The migration files in the order Flyway applies them to an empty database: versioned ones by
 * version, then the repeatables; with the callbacks beside them. What a migration snapshot's key is
 * made of. Each entry lists its files: the script and, when present, its {@code .conf}.
 *
 * <p>{@link #unknowable()} says why the order cannot be known from the files alone (Java migrations
 * or callbacks, a target, baseline migrations, ...): then no snapshot may be used.
 */
public final class MigrationChain {

  private static final Pattern VERSION = Pattern.compile("\\d+([._]\\d+)*");

  /** A versioned migration: its version as Flyway prints it and its files. */
  public record Versioned(String version, String script, List<Path> files) {}

  private final List<Versioned> versioned;
  private final List<Path> repeatables;
  private final List<Path> callbacks;
  private final Optional<String> unknowable;

  private MigrationChain(
      List<Versioned> versioned,
      List<Path> repeatables,
      List<Path> callbacks,
      Optional<String> unknowable) {
    this.versioned = List.copyOf(versioned);
    this.repeatables = List.copyOf(repeatables);
    this.callbacks = List.copyOf(callbacks);
    this.unknowable = unknowable;
  }

  /** The versioned migrations in the order Flyway applies them. */
  public List<Versioned> versioned() {
    return versioned;
  }

  /** The repeatable migrations' files (scripts and their {@code .conf}), by name. */
  public List<Path> repeatables() {
    return repeatables;
  }

  /** SQL callback files ({@code afterMigrate.sql}, ...), by name. */
  public List<Path> callbacks() {
    return callbacks;
  }

  /**
   * True when the versioned migrations can be applied apart from the rest: no callbacks (which run
   * once per migrate or around each migration), so stopping after version N and going on later
   * gives what one run gives.
   */
  public boolean splittable() {
    return callbacks.isEmpty() && unknowable.isEmpty();
  }

  /** Why the files alone do not tell what Flyway applies; empty when they do. */
  public Optional<String> unknowable() {
    return unknowable;
  }

  static MigrationChain of(List<Path> locations, Configuration flyway) {
    Optional<String> unknowable = unknowable(flyway);
    List<String> suffixes = Arrays.asList(flyway.getSqlMigrationSuffixes());
    String prefix = flyway.getSqlMigrationPrefix();
    String repeatable = flyway.getRepeatableSqlMigrationPrefix();
    String separator = flyway.getSqlMigrationSeparator();
    List<Versioned> versioned = new ArrayList<>();
    List<Path> repeatables = new ArrayList<>();
    List<Path> callbacks = new ArrayList<>();
    for (Path file : files(locations)) {
      String name = file.getFileName().toString();
      Optional<String> suffix = suffixes.stream().filter(name::endsWith).findFirst();
      if (suffix.isEmpty()) {
        continue;
      }
      String base = name.substring(0, name.length() - suffix.get().length());
      int sep = base.indexOf(separator);
      String head = sep < 0 ? base : base.substring(0, sep);
      List<Path> withConf = withConf(file);
      if (MigrationNaming.isCallback(head)) {
        callbacks.addAll(withConf);
      } else if (sep >= 0 && head.equals(repeatable)) {
        repeatables.addAll(withConf);
      } else if (sep >= 0
          && head.startsWith(prefix)
          && VERSION.matcher(head.substring(prefix.length())).matches()) {
        String version =
            MigrationVersion.fromVersion(head.substring(prefix.length()).replace('_', '.'))
                .getVersion();
        versioned.add(new Versioned(version, name, withConf));
      } else if (sep >= 0 && head.startsWith("B")) {
        unknowable = unknowable.or(() -> Optional.of("baseline migration " + name));
      }
    }
    versioned.sort(
        Comparator.comparing((Versioned v) -> MigrationVersion.fromVersion(v.version())));
    for (int i = 1; i < versioned.size(); i++) {
      if (versioned.get(i).version().equals(versioned.get(i - 1).version())) {
        unknowable = Optional.of("two migrations with version " + versioned.get(i).version());
      }
    }
    repeatables.sort(Comparator.comparing(p -> p.getFileName().toString()));
    callbacks.sort(Comparator.comparing(p -> p.getFileName().toString()));
    return new MigrationChain(versioned, repeatables, callbacks, unknowable);
  }

  private static Optional<String> unknowable(Configuration flyway) {
    if (flyway.getTarget() != null && !flyway.getTarget().equals(MigrationVersion.LATEST)) {
      return Optional.of("a Flyway target is set");
    }
    if (flyway.getCherryPick() != null && flyway.getCherryPick().length > 0) {
      return Optional.of("Flyway cherryPick is set");
    }
    if (flyway.getCallbacks().length > 0) {
      return Optional.of("Flyway Java callbacks are configured");
    }
    if (flyway.getResolvers().length > 0) {
      return Optional.of("Flyway resolvers are configured");
    }
    if (flyway.getJavaMigrations().length > 0) {
      return Optional.of("Flyway Java migrations are configured");
    }
    return Optional.empty();
  }

  private static List<Path> withConf(Path script) {
    Path conf = script.resolveSibling(script.getFileName() + ".conf");
    return Files.isRegularFile(conf) ? List.of(script, conf) : List.of(script);
  }

  private static List<Path> files(List<Path> locations) {
    List<Path> files = new ArrayList<>();
    for (Path location : locations) {
      try (Stream<Path> walk = Files.walk(location)) {
        walk.filter(Files::isRegularFile).sorted().forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }
}
