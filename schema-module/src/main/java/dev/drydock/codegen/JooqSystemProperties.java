package dev.drydock.codegen;

import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The system properties jOOQ's code generator reads besides its configuration ({@code
 * GenerationTool}: {@code jooq.codegen.target.locale} and {@code .encoding} over the defaults,
 * {@code .packageName} and {@code .directory} with {@code jooq.codegen.propertyOverride}, {@code
 * jooq.codegen.skip}, ...): {@code -D} options of the build's JVM (Maven copies its own {@code -D}
 * options there) that can change the generated sources, so part of the fingerprint. None set, the
 * fingerprint is what it was without them.
 */
record JooqSystemProperties(SortedMap<String, String> values) {

  /** What every property jOOQ's code generator reads starts with. */
  static final String PREFIX = "jooq.codegen.";

  JooqSystemProperties {
    values = new TreeMap<>(values);
  }

  /** The {@link #PREFIX} properties of {@code system}. */
  static JooqSystemProperties of(Properties system) {
    SortedMap<String, String> values = new TreeMap<>();
    for (String name : system.stringPropertyNames()) {
      if (name.startsWith(PREFIX)) {
        values.put(name, system.getProperty(name));
      }
    }
    return new JooqSystemProperties(values);
  }

  /** A line of the configuration's description, or nothing when none is set. */
  String describe() {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> e : values.entrySet()) {
      out.append("\njooqSystemProperty ").append(e.getKey()).append('=').append(e.getValue());
    }
    return out.toString();
  }
}
