package dev.drydock.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.testing.SharedPostgres;
import dev.drydock.testing.SharedPostgres.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.ForcedType;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Target;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The project's own jOOQ {@code <generator>}, merged with what Drydock sets. */
@ExtendWith(SharedPostgres.class)
class JooqGeneratorSettingsTest {

  private static final String INSTANT =
      "<forcedType><userType>java.time.Instant</userType><lambdaConverter>"
          + "<from>java.time.OffsetDateTime::toInstant</from>"
          + "<to>i -> i.atOffset(java.time.ZoneOffset.UTC)</to></lambdaConverter>"
          + "<includeTypes>(?i:timestamp\\ with\\ time\\ zone)</includeTypes></forcedType>";

  @TempDir Path root;
  Path migrations;

  @BeforeEach
  void writeMigrations() throws Exception {
    migrations = Files.createDirectories(root.resolve("migrations"));
    Files.writeString(
        migrations.resolve("V1__events.sql"),
        "create table events (id int primary key, happened_at timestamptz not null,"
            + " version int not null default 0);\n"
            + "create table audit_log (id int primary key);\n");
  }

  private CodeGeneration workflow(JooqGeneratorSettings jooq, ProviderSettings provider) {
    return CodeGeneration.configure()
        .migrations(Migrations.configure().location(migrations).build())
        .packageName("com.ex.db")
        .outputDirectory(root.resolve("out"))
        .provider(provider)
        .jooqGenerator(jooq)
        .build();
  }

  private static ProviderSettings shared(TestServer server) {
    return ProviderSettings.configure()
        .kind(ProviderKind.EXTERNAL)
        .serverUrl(server.serverUrl())
        .user("postgres")
        .build();
  }

  @Test
  void givenAGeneratorFileWithForcedTypesExcludesAndFlagsThenTheGeneratedCodeFollowsIt(
      TestServer server) throws Exception {
    // given: jOOQ XML with a <generator> root
    Path file =
        Files.writeString(
            root.resolve("jooq.xml"),
            "<?xml version=\"1.0\"?>\n<generator><database><forcedTypes>"
                + INSTANT
                + "</forcedTypes><excludes>audit_log</excludes>"
                + "<recordVersionFields>version</recordVersionFields></database>"
                + "<generate><pojos>true</pojos></generate></generator>");

    // when
    workflow(JooqGeneratorSettings.load(file), shared(server)).run();

    // then
    Path out = root.resolve("out/com/ex/db");
    assertThat(Files.readString(out.resolve("tables/Events.java")))
        .contains("TableField<EventsRecord, Instant> HAPPENED_AT")
        .contains("public TableField<EventsRecord, Integer> getRecordVersion()");
    assertThat(out.resolve("tables/pojos/Events.java")).isRegularFile();
    assertThat(out.resolve("tables/AuditLog.java")).doesNotExist();
    assertThat(out.resolve("tables/FlywaySchemaHistory.java")).doesNotExist();
  }

  @Test
  void givenAConfigurationRootWithJdbcThenItIsRefusedInOneLine() throws Exception {
    Path file =
        Files.writeString(
            root.resolve("jooq.xml"),
            "<configuration><jdbc><url>jdbc:postgresql://prod/db</url></jdbc>"
                + "<generator><database><forcedTypes>"
                + INSTANT
                + "</forcedTypes></database></generator></configuration>");

    assertThatThrownBy(() -> JooqGeneratorSettings.load(file))
        .isInstanceOf(CodegenException.class)
        .hasMessage(
            "The jOOQ configuration "
                + file
                + " has a <jdbc> element: remove it, Drydock generates from its own throwaway"
                + " database");
  }

  @Test
  void givenAConflictingTargetThenTheWorkflowIsRefusedBeforeAnythingStarts() {
    Generator generator =
        new Generator().withTarget(new Target().withPackageName("org.example.other"));

    assertThatThrownBy(
            () -> workflow(JooqGeneratorSettings.of(generator), ProviderSettings.defaults()))
        .isInstanceOf(CodegenException.class)
        .hasMessage(
            "The jOOQ <target><packageName> org.example.other conflicts with Drydock's package"
                + " com.ex.db: remove the <target> element, Drydock sets the target");
  }

  @Test
  void givenAnotherRootElementThenItIsNotAJooqConfiguration() throws Exception {
    Path file = Files.writeString(root.resolve("pom.xml"), "<project><generator/></project>");

    assertThatThrownBy(() -> JooqGeneratorSettings.load(file))
        .isInstanceOf(CodegenException.class)
        .hasMessage(
            "Not a jOOQ configuration: "
                + file
                + " (expected a <configuration> or <generator> root element)");
  }

  @Test
  void changingAnyGeneratorSettingChangesTheFingerprintAndMergingLeavesItAlone() {
    Generator base =
        new Generator()
            .withDatabase(
                new Database()
                    .withForcedTypes(
                        new ForcedType()
                            .withUserType("java.time.Instant")
                            .withIncludeTypes("timestamptz")));
    Fingerprint none =
        workflow(JooqGeneratorSettings.none(), ProviderSettings.defaults()).fingerprint();
    CodeGeneration withBase = workflow(JooqGeneratorSettings.of(base), ProviderSettings.defaults());
    Fingerprint forced = withBase.fingerprint();
    Fingerprint daos =
        workflow(
                JooqGeneratorSettings.of(
                    new Generator()
                        .withDatabase(base.getDatabase())
                        .withGenerate(new Generate().withDaos(true))),
                ProviderSettings.defaults())
            .fingerprint();

    assertThat(forced).isNotEqualTo(none);
    assertThat(daos).isNotEqualTo(forced).isNotEqualTo(none);
    assertThat(withBase.fingerprint()).isEqualTo(forced);
    assertThat(base.getDatabase().getExcludes()).isNull();
  }
}
