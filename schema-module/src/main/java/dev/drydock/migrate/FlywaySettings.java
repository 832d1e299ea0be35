package dev.drydock.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The project's own Flyway settings, in Flyway's key names ({@code flyway.sqlMigrationPrefix},
 * {@code flyway.postgresql.transactional.lock}, ...), read the way Flyway's CLI reads them: config
 * files ({@code flyway.toml}'s {@code [flyway]} table, {@code flyway.conf}), then {@code FLYWAY_*}
 * environment variables, then explicit settings, each overriding the one before. Immutable; build
 * with {@link #configure()}. An unknown key is an {@link IllegalArgumentException} naming it.
 */
public final class FlywaySettings {

  /** Keys Drydock sets itself from its own options: the connection and the locations. */
  static final Set<String> OWNED_BY_DRYDOCK =
      Set.of(
          "flyway.url",
          "flyway.user",
          "flyway.password",
          "flyway.driver",
          "flyway.locations",
          "flyway.environment");

  /** Environment variables of Flyway's CLI that are not settings of a migration run. */
  private static final Set<String> CLI_ONLY_VARIABLES =
      Set.of(
          "FLYWAY_URL",
          "FLYWAY_USER",
          "FLYWAY_PASSWORD",
          "FLYWAY_DRIVER",
          "FLYWAY_LOCATIONS",
          "FLYWAY_CONFIG_FILES",
          "FLYWAY_CONFIG_FILE_ENCODING",
          "FLYWAY_ENVIRONMENT",
          "FLYWAY_EDITION",
          "FLYWAY_LICENSE_KEY",
          "FLYWAY_JAR_DIRS",
          "FLYWAY_WORKING_DIRECTORY",
          "FLYWAY_EMAIL",
          "FLYWAY_TOKEN",
          "FLYWAY_HOME");

  private static final FlywaySettings NONE = new FlywaySettings(Map.of());

  private final Map<String, String> values;

  private FlywaySettings(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  public static FlywaySettings none() {
    return NONE;
  }

  public static Builder configure() {
    return new Builder();
  }

  /** The settings, keyed {@code flyway.*}, sorted: what a fingerprint covers. */
  public Map<String, String> values() {
    return new TreeMap<>(values);
  }

  public String get(String key) {
    return values.get(key(key));
  }

  /** {@code flyway.} + key, unless it has the prefix already. */
  static String key(String key) {
    String k = key.strip();
    return k.startsWith("flyway.") ? k : "flyway." + k;
  }

  /** Fluent builder; every setter returns {@code this}. Later sources override earlier ones. */
  public static final class Builder {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> origin = new LinkedHashMap<>();

    private Builder() {}

    /** A Flyway config file: {@code *.toml} (its {@code [flyway]} table) or {@code *.conf}. */
    public Builder file(Path file) {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("Flyway config file not found: " + file);
      }
      Map<String, String> read =
          file.getFileName().toString().endsWith(".toml") ? readToml(file) : readConf(file);
      read.forEach((k, v) -> put(k, v, file.getFileName().toString()));
      return this;
    }

    /** The first of {@code flyway.toml}, {@code flyway.conf} in {@code directory}, if any. */
    public Builder defaultFileIn(Path directory) {
      for (String name : List.of("flyway.toml", "flyway.conf")) {
        Path candidate = directory.resolve(name);
        if (Files.isRegularFile(candidate)) {
          return file(candidate);
        }
      }
      return this;
    }

    /**
     * {@code FLYWAY_*} variables: {@code FLYWAY_SQL_MIGRATION_PREFIX} is {@code
     * sqlMigrationPrefix}, {@code FLYWAY_PLACEHOLDERS_X} is {@code placeholders.x}, {@code
     * FLYWAY_POSTGRESQL_TRANSACTIONAL_LOCK} is {@code postgresql.transactional.lock}.
     */
    public Builder environment(Map<String, String> environment) {
      new TreeMap<>(environment)
          .forEach(
              (name, value) -> {
                if (name.startsWith("FLYWAY_") && !CLI_ONLY_VARIABLES.contains(name)) {
                  put(fromVariable(name), value, name);
                }
              });
      return this;
    }

    public Builder setting(String key, String value) {
      put(key(key), value, key.strip());
      return this;
    }

    public Builder settings(Map<String, String> settings) {
      settings.forEach(this::setting);
      return this;
    }

    private void put(String key, String value, String from) {
      values.put(key, value);
      origin.put(key, from);
    }

    /** Checks every key with Flyway itself. */
    public FlywaySettings build() {
      for (Map.Entry<String, String> e : values.entrySet()) {
        if (OWNED_BY_DRYDOCK.contains(e.getKey())) {
          continue;
        }
        try {
          if (e.getKey().equals(TransactionalLock.KEY)) {
            TransactionalLock.parse(e.getValue());
          } else {
            Flyway.configure(FlywaySettings.class.getClassLoader())
                .configuration(Map.of(e.getKey(), e.getValue()));
          }
        } catch (FlywayException | IllegalArgumentException invalid) {
          String from = origin.get(e.getKey());
          String name = e.getKey().substring("flyway.".length());
          throw new IllegalArgumentException(
              (invalid.getMessage() != null
                          && invalid.getMessage().startsWith("Unknown configuration property")
                      ? "Unknown Flyway setting: " + name
                      : "Invalid Flyway setting "
                          + name
                          + "="
                          + e.getValue()
                          + ": "
                          + MigrationFailures.firstLine(invalid.getMessage()))
                  + (from.equals(name) ? "" : " (from " + from + ")"));
        }
      }
      Map<String, String> kept = new LinkedHashMap<>(values);
      kept.keySet().removeAll(OWNED_BY_DRYDOCK);
      return new FlywaySettings(kept);
    }

    static String fromVariable(String name) {
      String rest = name.substring("FLYWAY_".length());
      if (rest.startsWith("PLACEHOLDERS_")) {
        return "flyway.placeholders."
            + rest.substring("PLACEHOLDERS_".length()).toLowerCase(Locale.ROOT);
      }
      if (rest.startsWith("POSTGRESQL_")) {
        return "flyway." + rest.toLowerCase(Locale.ROOT).replace('_', '.');
      }
      StringBuilder camel = new StringBuilder("flyway.");
      boolean upper = false;
      for (char c : rest.toLowerCase(Locale.ROOT).toCharArray()) {
        if (c == '_') {
          upper = true;
        } else {
          camel.append(upper ? Character.toUpperCase(c) : c);
          upper = false;
        }
      }
      return camel.toString();
    }

    private static Map<String, String> readConf(Path file) {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new IllegalArgumentException("Cannot read Flyway config file " + file + ": " + e);
      }
      Map<String, String> out = new LinkedHashMap<>();
      for (String name :
          new TreeMap<>(properties).keySet().stream().map(String::valueOf).toList()) {
        out.put(key(name), properties.getProperty(name));
      }
      return out;
    }

    private static Map<String, String> readToml(Path file) {
      JsonNode root;
      try {
        root = new TomlMapper().readTree(file.toFile());
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "Cannot read Flyway config file "
                + file
                + ": "
                + MigrationFailures.firstLine(e.getMessage()));
      }
      Map<String, String> out = new LinkedHashMap<>();
      JsonNode flyway = root.path("flyway");
      if (flyway.isObject()) {
        flatten("flyway", flyway, out);
      }
      return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
      if (node.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          flatten(prefix + "." + field.getKey(), field.getValue(), out);
        }
      } else if (node.isArray()) {
        List<String> items = new ArrayList<>();
        node.forEach(item -> items.add(item.asText()));
        out.put(prefix, String.join(",", items));
      } else {
        out.put(prefix, node.asText());
      }
    }
  }
}
