package dev.drydock.maven;

import java.util.Map;
import java.util.Properties;

/** The engine's own goal, asked what it would compute: its package-private workflow, opened. */
public final class EngineProbe {

  private EngineProbe() {}

  /**
   * The fingerprint the engine's {@code generate}, as configured, computes without any cache or
   * database (Flyway's resolved list, the configuration and the tool versions), with {@code
   * FLYWAY_*} settings from {@code environment}.
   */
  public static String fingerprint(GenerateMojo engine, Map<String, String> environment)
      throws Exception {
    return fingerprint(engine, environment, new Properties());
  }

  /**
   * As above, with {@code system} as the JVM's system properties (jOOQ's {@code jooq.codegen.*}).
   */
  public static String fingerprint(
      GenerateMojo engine, Map<String, String> environment, Properties system) throws Exception {
    engine.environment = environment;
    engine.systemProperties = system;
    return engine.workflow().fingerprint().hash();
  }
}
