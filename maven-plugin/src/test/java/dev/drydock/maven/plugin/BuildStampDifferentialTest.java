package dev.drydock.maven.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.marker.OutputMarker;
import dev.drydock.maven.EngineProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Plugin;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The thin plugin's no-op answer against the engine's uncached one, on randomized projects: a
 * random project is "built" (the engine's fingerprint and the plugin's stamp written into the
 * output's marker, as the engine writes them when the plugin runs it), then one to three of its
 * inputs are changed at random (each input kind: a migration's bytes, a file added beside the
 * migrations, each parameter of the POM, a user property, the {@code <generator>} XML, the Flyway
 * config file, a {@code FLYWAY_*} and an unrelated environment variable, a {@code jooq.codegen.*}
 * and an unrelated system property, the plugin's declared dependency versions), a change sometimes
 * drawing the value it had. Both goals are configured from the same POM by Maven's own
 * configurator.
 *
 * <p>Then: the plugin says up to date exactly when every input it stamps equals the built one;
 * whenever it says up to date, the engine's fingerprint, computed afresh through Flyway's resolver,
 * is the stored one (never a stale "up to date"); when the engine's fingerprint differs, the plugin
 * never says up to date.
 */
class BuildStampDifferentialTest {

  private static final int SCENARIOS = 120;

  @TempDir Path dir;

  /** The inputs a scenario varies, each with the values it draws from (index 0: the default). */
  enum Input {
    MIGRATION_BYTES(3),
    FILE_BESIDE(3),
    PACKAGE_NAME(2),
    EXCLUDES(3),
    RECORD_VERSION_FIELDS(2),
    RECORD_TIMESTAMP_FIELDS(2),
    SCHEMAS(3),
    FLYWAY_SCHEMAS(2),
    PLACEHOLDERS(3),
    FLYWAY_CONFIGURATION(3),
    INIT_SQL(2),
    TARGET(3),
    LOCK_TIMEOUT(2),
    PROVIDER(2),
    SNAPSHOTS(2),
    GENERATOR(3),
    PROPERTY_EXCLUDES(2),
    FLYWAY_CONF_FILE(3),
    FLYWAY_ENV(3),
    OTHER_ENV(2),
    JOOQ_PROPERTY(3),
    OTHER_PROPERTY(2),
    DEPENDENCIES(3);

    final int values;

    Input(int values) {
      this.values = values;
    }

    /** Inputs the plugin's stamp does not cover because they cannot change the output. */
    boolean stamped() {
      return this != OTHER_ENV && this != OTHER_PROPERTY;
    }

    /** Inputs the engine in this JVM cannot take (the versions it runs with are its class path). */
    boolean engineSees() {
      return this != DEPENDENCIES;
    }
  }

  @Test
  void
      givenRandomChangesThenThePluginIsUpToDateExactlyWhenItsInputsAreUnchanged_andNeverWhenTheEnginesFingerprintDiffers()
          throws Exception {
    GoalHarness harness = new GoalHarness();
    Random random = new Random(20261206L);
    int upToDate = 0;
    int conservative = 0;
    int engineDiffers = 0;
    for (int i = 0; i < SCENARIOS; i++) {
      Path basedir = Files.createDirectories(dir.resolve("p" + i));
      EnumMap<Input, Integer> built = new EnumMap<>(Input.class);
      for (Input input : Input.values()) {
        built.put(input, random.nextInt(input.values));
      }
      Answer before = answer(harness, basedir, built);
      Path output = basedir.resolve("target/generated-sources/jooq");
      writeOutput(output, before);

      EnumMap<Input, Integer> now = new EnumMap<>(built);
      int changes = 1 + random.nextInt(3);
      for (int c = 0; c < changes; c++) {
        Input input = Input.values()[random.nextInt(Input.values().length)];
        now.put(input, random.nextInt(input.values));
      }
      Answer after = answer(harness, basedir, now);

      boolean thinUpToDate = OutputMarker.unchanged(output, after.stamp()).isPresent();
      EnumMap<Input, Integer> effectiveBuilt = effective(built);
      EnumMap<Input, Integer> effectiveNow = effective(now);
      boolean stampedInputsEqual =
          Stream.of(Input.values())
              .filter(Input::stamped)
              .allMatch(in -> effectiveBuilt.get(in).equals(effectiveNow.get(in)));
      boolean engineSame = after.fingerprint().equals(before.fingerprint());
      boolean engineBlind =
          Stream.of(Input.values())
              .filter(in -> !in.engineSees())
              .anyMatch(in -> !built.get(in).equals(now.get(in)));

      String scenario = "scenario " + i + ": built " + built + ", now " + now;
      assertThat(thinUpToDate).as(scenario).isEqualTo(stampedInputsEqual);
      if (thinUpToDate) {
        assertThat(after.fingerprint()).as(scenario).isEqualTo(before.fingerprint());
        upToDate++;
      }
      if (!engineSame) {
        assertThat(thinUpToDate).as(scenario).isFalse();
        engineDiffers++;
      }
      if (!thinUpToDate && engineSame && !engineBlind) {
        conservative++; // a README beside the migrations, the provider: the engine restamps
      }
    }
    // the draws cover all three outcomes
    assertThat(upToDate).isPositive();
    assertThat(engineDiffers).isPositive();
    assertThat(conservative).isPositive();
    System.out.printf(
        "%d scenarios: %d up to date, %d engine fingerprint differs, %d conservative%n",
        SCENARIOS, upToDate, engineDiffers, conservative);
  }

  record Answer(String stamp, String fingerprint) {}

  @Test
  void givenEachInputChangedAloneThenThePluginIsNotUpToDate_butForOneThatCannotChangeTheOutput()
      throws Exception {
    GoalHarness harness = new GoalHarness();
    EnumMap<Input, Integer> built = new EnumMap<>(Input.class);
    for (Input input : Input.values()) {
      built.put(input, 0);
    }
    List<String> upToDate = new ArrayList<>();
    List<String> engineSameOnly = new ArrayList<>();
    int n = 0;
    for (Input input : Input.values()) {
      for (int value = 1; value < input.values; value++) {
        Path basedir = Files.createDirectories(dir.resolve("alone" + n++));
        Answer before = answer(harness, basedir, built);
        Path output = basedir.resolve("target/generated-sources/jooq");
        writeOutput(output, before);
        EnumMap<Input, Integer> now = new EnumMap<>(built);
        now.put(input, value);
        Answer after = answer(harness, basedir, now);
        if (OutputMarker.unchanged(output, after.stamp()).isPresent()) {
          upToDate.add(input + "=" + value);
        } else if (input.engineSees() && after.fingerprint().equals(before.fingerprint())) {
          engineSameOnly.add(input + "=" + value);
        }
      }
    }

    assertThat(upToDate).containsExactly("OTHER_ENV=1", "OTHER_PROPERTY=1");
    // stamped, though the engine's fingerprint does not change (schemas=public is the default):
    // the engine runs, asks Flyway, finds the sources up to date and restamps (one slower build
    // after such a change)
    assertThat(engineSameOnly)
        .containsExactlyInAnyOrder(
            "FILE_BESIDE=1",
            "FILE_BESIDE=2",
            "SCHEMAS=1",
            "LOCK_TIMEOUT=1",
            "PROVIDER=1",
            "SNAPSHOTS=1");
  }

  /** The inputs as Maven sees them: a user property is no input when the POM sets the value. */
  private static EnumMap<Input, Integer> effective(EnumMap<Input, Integer> state) {
    EnumMap<Input, Integer> effective = new EnumMap<>(state);
    if (state.get(Input.EXCLUDES) != 0) {
      effective.put(Input.PROPERTY_EXCLUDES, 0);
    }
    return effective;
  }

  /** Lays out the project for {@code state}, then asks both goals. */
  private Answer answer(GoalHarness harness, Path basedir, Map<Input, Integer> state)
      throws Exception {
    Path migrations = basedir.resolve("migrations");
    if (Files.exists(migrations)) {
      try (Stream<Path> files = Files.list(migrations)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
    }
    Files.createDirectories(migrations);
    Files.writeString(migrations.resolve("V1__items.sql"), "create table items (id int);\n");
    Files.writeString(
        migrations.resolve("V2__tags.sql"),
        "create table tags (id int, name text);\n"
            + "-- revision ".repeat(state.get(Input.MIGRATION_BYTES)));
    if (state.get(Input.FILE_BESIDE) > 0) {
      Files.writeString(migrations.resolve("README.md"), "notes " + state.get(Input.FILE_BESIDE));
    }
    Path conf = basedir.resolve("flyway.conf");
    Files.deleteIfExists(conf);
    if (state.get(Input.FLYWAY_CONF_FILE) > 0) {
      Files.writeString(
          conf, "flyway.placeholders.region=r" + state.get(Input.FLYWAY_CONF_FILE) + "\n");
    }
    Xpp3Dom pom = pom(state);
    Map<String, String> properties = new HashMap<>();
    if (state.get(Input.PROPERTY_EXCLUDES) > 0) {
      properties.put("drydock.excludes", "scratch_.*");
    }
    Map<String, String> environment = new HashMap<>();
    environment.put("PATH", "/usr/bin");
    if (state.get(Input.FLYWAY_ENV) > 0) {
      environment.put("FLYWAY_PLACEHOLDERS_ZONE", "z" + state.get(Input.FLYWAY_ENV));
    }
    if (state.get(Input.OTHER_ENV) > 0) {
      environment.put("HOME_TOWN", "x");
    }
    Properties system = new Properties();
    system.setProperty("java.version", "17");
    switch (state.get(Input.JOOQ_PROPERTY)) {
      case 1 -> system.setProperty("jooq.codegen.target.locale", "tr");
      case 2 -> system.setProperty("jooq.codegen.skip", "true");
      default -> {}
    }
    if (state.get(Input.OTHER_PROPERTY) > 0) {
      system.setProperty("some.tool.option", "x");
    }
    GenerateMojo thin = harness.thinGenerate(basedir, pom, properties, declared(state));
    String stamp = thin.stamp(harness.lastEvaluator, environment, system).orElseThrow();
    String fingerprint =
        EngineProbe.fingerprint(
            harness.engineGenerate(basedir, pom, properties), environment, system);
    return new Answer(stamp, fingerprint);
  }

  private static Xpp3Dom pom(Map<Input, Integer> s) throws Exception {
    StringBuilder x = new StringBuilder("<configuration>");
    x.append("<migrations><migration>migrations</migration></migrations>");
    x.append("<packageName>")
        .append(s.get(Input.PACKAGE_NAME) == 0 ? "com.example.db" : "com.example.other")
        .append("</packageName>");
    switch (s.get(Input.EXCLUDES)) {
      case 1 -> x.append("<excludes>audit_.*</excludes>");
      case 2 -> x.append("<excludes>tmp</excludes>");
      default -> {}
    }
    if (s.get(Input.RECORD_VERSION_FIELDS) == 1) {
      x.append("<recordVersionFields>version</recordVersionFields>");
    }
    if (s.get(Input.RECORD_TIMESTAMP_FIELDS) == 1) {
      x.append("<recordTimestampFields>modified_at</recordTimestampFields>");
    }
    switch (s.get(Input.SCHEMAS)) {
      case 1 -> x.append("<schemas><schema>public</schema></schemas>");
      case 2 -> x.append("<schemas><schema>public</schema><schema>app</schema></schemas>");
      default -> {}
    }
    if (s.get(Input.FLYWAY_SCHEMAS) == 1) {
      x.append("<flywaySchemas><flywaySchema>public</flywaySchema></flywaySchemas>");
    }
    switch (s.get(Input.PLACEHOLDERS)) {
      case 1 -> x.append("<placeholders><owner>app</owner></placeholders>");
      case 2 -> x.append("<placeholders><owner>ops</owner></placeholders>");
      default -> {}
    }
    switch (s.get(Input.FLYWAY_CONFIGURATION)) {
      case 1 ->
          x.append("<flywayConfiguration><outOfOrder>true</outOfOrder></flywayConfiguration>");
      case 2 ->
          x.append(
              "<flywayConfiguration><placeholders.tier>gold</placeholders.tier></flywayConfiguration>");
      default -> {}
    }
    if (s.get(Input.INIT_SQL) == 1) {
      x.append("<initSql><sql>CREATE ROLE app</sql></initSql>");
    }
    switch (s.get(Input.TARGET)) {
      case 1 -> x.append("<target>dsql</target>");
      case 2 -> x.append("<target>cockroachdb</target>");
      default -> {}
    }
    if (s.get(Input.LOCK_TIMEOUT) == 1) {
      x.append("<throwawayLockTimeout>10</throwawayLockTimeout>");
    }
    if (s.get(Input.PROVIDER) == 1) {
      x.append("<provider>embedded</provider>");
    }
    if (s.get(Input.SNAPSHOTS) == 1) {
      x.append("<snapshots>false</snapshots>");
    }
    switch (s.get(Input.GENERATOR)) {
      case 1 -> x.append("<generator><generate><pojos>true</pojos></generate></generator>");
      case 2 ->
          x.append(
              "<generator><database><forcedTypes><forcedType><name>BOOLEAN</name>"
                  + "<includeExpression>.*\\.flag</includeExpression></forcedType></forcedTypes>"
                  + "</database></generator>");
      default -> {}
    }
    x.append("</configuration>");
    return Xpp3DomBuilder.build(new java.io.StringReader(x.toString()));
  }

  private static Plugin declared(Map<Input, Integer> s) {
    Plugin plugin = new Plugin();
    plugin.setGroupId("dev.drydock");
    plugin.setArtifactId("drydock-maven-plugin");
    List<Dependency> dependencies = new ArrayList<>();
    if (s.get(Input.DEPENDENCIES) > 0) {
      Dependency d = new Dependency();
      d.setGroupId("org.flywaydb");
      d.setArtifactId("flyway-core");
      d.setVersion(s.get(Input.DEPENDENCIES) == 1 ? "11.20.3" : "12.11.0");
      dependencies.add(d);
    }
    plugin.setDependencies(dependencies);
    return plugin;
  }

  /**
   * What the engine leaves: three generated files and the marker with its fingerprint and stamp.
   */
  private static void writeOutput(Path output, Answer built) throws IOException {
    Path pkg = Files.createDirectories(output.resolve("com/example/db"));
    for (String name : List.of("Items.java", "Tags.java", "Keys.java")) {
      Files.writeString(
          pkg.resolve(name), "/* This file is generated by jOOQ. */\n", StandardCharsets.UTF_8);
    }
    OutputMarker.write(output, built.fingerprint(), Optional.of(built.stamp()));
  }
}
