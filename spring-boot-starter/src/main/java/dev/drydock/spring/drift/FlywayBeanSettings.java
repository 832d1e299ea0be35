package dev.drydock.spring.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * The migrations as the application's Flyway bean runs them ({@code spring.flyway.*}): its
 * locations, schemas, history table, placeholders and naming settings, for the drift check to apply
 * the same files the same way.
 *
 * @param locations Spring resource locations ({@code classpath:db/migration}, {@code file:...})
 * @param schemas the schemas Flyway manages
 * @param table the history table
 * @param placeholders the placeholders and their values
 * @param settings the other settings that change what runs, in Flyway's key names
 */
public record FlywayBeanSettings(
    List<String> locations,
    List<String> schemas,
    String table,
    Map<String, String> placeholders,
    Map<String, String> settings) {

  public FlywayBeanSettings {
    locations = List.copyOf(locations);
    schemas = List.copyOf(schemas);
    placeholders = Map.copyOf(placeholders);
    settings = Map.copyOf(settings);
  }

  /** These settings with the migrations at {@code other} locations. */
  public FlywayBeanSettings withLocations(List<String> other) {
    return new FlywayBeanSettings(other, schemas, table, placeholders, settings);
  }

  /** These settings with another history table. */
  public FlywayBeanSettings withTable(String other) {
    return new FlywayBeanSettings(locations, schemas, other, placeholders, settings);
  }

  /** What {@code configuration} (the Flyway bean's) says. */
  public static FlywayBeanSettings of(Configuration configuration) {
    List<String> locations = new ArrayList<>();
    for (Location l : configuration.getLocations()) {
      String descriptor = l.getDescriptor();
      locations.add(
          descriptor.startsWith("filesystem:")
              ? "file:" + descriptor.substring("filesystem:".length())
              : descriptor);
    }
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("sqlMigrationPrefix", configuration.getSqlMigrationPrefix());
    settings.put("sqlMigrationSeparator", configuration.getSqlMigrationSeparator());
    settings.put("sqlMigrationSuffixes", String.join(",", configuration.getSqlMigrationSuffixes()));
    settings.put("repeatableSqlMigrationPrefix", configuration.getRepeatableSqlMigrationPrefix());
    settings.put(
        "placeholderReplacement", String.valueOf(configuration.isPlaceholderReplacement()));
    settings.put("placeholderPrefix", configuration.getPlaceholderPrefix());
    settings.put("placeholderSuffix", configuration.getPlaceholderSuffix());
    settings.put("encoding", configuration.getEncoding().name());
    if (configuration.getDefaultSchema() != null) {
      settings.put("defaultSchema", configuration.getDefaultSchema());
    }
    return new FlywayBeanSettings(
        locations,
        Arrays.asList(configuration.getSchemas()),
        configuration.getTable(),
        configuration.getPlaceholders(),
        settings);
  }
}
