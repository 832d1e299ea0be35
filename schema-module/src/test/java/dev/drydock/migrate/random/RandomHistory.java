package dev.drydock.migrate.random;

import dev.drydock.migrate.FlywaySettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A seeded random Flyway migration directory and the settings it is read with: versioned migrations
 * (tables, enums, functions, views, data-only), {@code R__} views, callbacks, {@code .conf} files,
 * nested folders, mixed suffix case, configured suffixes and prefix, files Flyway ignores; and
 * random mutations of it. Replay a failure with its seed.
 */
public final class RandomHistory {

  private final Random random;
  private final Path dir;
  private final String prefix;
  private final List<String> suffixes;
  private final Map<String, String> placeholders = new LinkedHashMap<>();
  private int nextVersion = 1;
  private int nextName = 1;

  public RandomHistory(long seed, Path dir) throws IOException {
    this.random = new Random(seed);
    this.dir = Files.createDirectories(dir);
    this.prefix = random.nextInt(4) == 0 ? "M" : "V";
    this.suffixes =
        switch (random.nextInt(4)) {
          case 0 -> List.of(".pgsql");
          case 1 -> List.of(".pgsql", ".sql");
          default -> List.of(".sql");
        };
    placeholders.put("owner", "app" + random.nextInt(3));
    int versioned = 1 + random.nextInt(6);
    for (int i = 0; i < versioned; i++) {
      addVersioned();
    }
    if (random.nextBoolean()) {
      addRepeatable();
    }
    if (random.nextInt(3) == 0) {
      write(folder() + "afterMigrate" + suffix(), "select 1;\n");
    }
    if (random.nextInt(3) == 0) {
      write(folder() + "README.md", "notes\n");
    }
  }

  /** The settings: prefix, suffixes, placeholders. */
  public FlywaySettings settings() {
    FlywaySettings.Builder b =
        FlywaySettings.configure()
            .setting("flyway.sqlMigrationPrefix", prefix)
            .setting("flyway.sqlMigrationSuffixes", String.join(",", suffixes));
    placeholders.forEach((k, v) -> b.setting("flyway.placeholders." + k, v));
    return b.build();
  }

  public Path dir() {
    return dir;
  }

  /** One random change; returns what it did (for the failure message). */
  public String mutate() throws IOException {
    List<Path> files = files();
    int what = random.nextInt(9);
    if (files.isEmpty() || what == 0) {
      return "added " + addVersioned();
    }
    Path file = files.get(random.nextInt(files.size()));
    String name = file.getFileName().toString();
    switch (what) {
      case 1 -> {
        Files.writeString(file, Files.readString(file) + "-- changed " + nextName++ + "\n");
        return "changed " + dir.relativize(file);
      }
      case 2 -> {
        if (files.size() > 1) {
          Files.delete(file);
          return "removed " + dir.relativize(file);
        }
        return "added " + addVersioned();
      }
      case 3 -> {
        Path to = file.resolveSibling(name.replace("__", "__renamed_"));
        Files.move(file, to);
        return "renamed " + dir.relativize(file) + " to " + to.getFileName();
      }
      case 4 -> {
        int dot = name.lastIndexOf('.');
        String ext = name.substring(dot);
        String flipped = ext.equals(ext.toLowerCase()) ? ext.toUpperCase() : ext.toLowerCase();
        Path to = file.resolveSibling(name.substring(0, dot) + flipped);
        Files.move(file, to);
        return "suffix case " + dir.relativize(file) + " -> " + to.getFileName();
      }
      case 5 -> {
        placeholders.put("owner", "app" + (nextName++));
        return "placeholder owner=" + placeholders.get("owner");
      }
      case 6 -> {
        write(folder() + "notes-" + nextName++ + ".txt", "not a migration\n");
        return "added a file Flyway ignores";
      }
      case 7 -> {
        Path conf = file.resolveSibling(name + ".conf");
        Files.writeString(
            conf,
            random.nextBoolean()
                ? "executeInTransaction=false\n"
                : "# executeInTransaction=false\n");
        return "conf for " + dir.relativize(file);
      }
      default -> {
        return "added " + addRepeatable();
      }
    }
  }

  private String addVersioned() throws IOException {
    int v = nextVersion++;
    String version = random.nextInt(4) == 0 ? v + "_" + random.nextInt(3) : Integer.toString(v);
    String name = folder() + prefix + version + "__" + kind() + "_" + nextName++ + suffix();
    write(name, sql(v));
    return name;
  }

  private String addRepeatable() throws IOException {
    String name = folder() + "R__view_" + nextName++ + suffix();
    write(name, "create or replace view v_" + nextName + " as select 1 as one;\n");
    return name;
  }

  private String kind() {
    return List.of("table", "enum", "function", "view", "data").get(random.nextInt(5));
  }

  private String sql(int v) {
    return switch (random.nextInt(5)) {
      case 0 -> "create table t" + v + " (id int primary key, name text);\n";
      case 1 -> "create type e" + v + " as enum ('a', 'b');\n";
      case 2 -> "create function f" + v + "() returns int language sql as $$ select 1 $$;\n";
      case 3 -> "create view w" + v + " as select " + v + " as n;\n";
      default -> "-- data only\nselect " + v + ";\n";
    };
  }

  private String folder() {
    return switch (random.nextInt(4)) {
      case 0 -> "nested/";
      case 1 -> "nested/deeper/";
      default -> "";
    };
  }

  private String suffix() {
    String s = suffixes.get(random.nextInt(suffixes.size()));
    return random.nextInt(4) == 0 ? s.toUpperCase() : s;
  }

  private void write(String relative, String text) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().endsWith(".conf"))
          .sorted()
          .toList();
    }
  }

  /** What mutations may rename to: the list of names for a message. */
  public List<String> listing() throws IOException {
    List<String> names = new ArrayList<>();
    for (Path p : files()) {
      names.add(dir.relativize(p).toString());
    }
    return names;
  }
}
