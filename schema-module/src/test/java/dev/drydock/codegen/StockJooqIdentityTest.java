package dev.drydock.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.files.FileContents;
import dev.drydock.fixtures.Pagila;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.snapshot.MigratedDatabase;
import dev.drydock.snapshot.SnapshotSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.jooq.codegen.DefaultGeneratorStrategy;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.Definition;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.MatcherRule;
import org.jooq.meta.jaxb.MatcherTransformType;
import org.jooq.meta.jaxb.Matchers;
import org.jooq.meta.jaxb.MatchersFieldType;
import org.jooq.meta.jaxb.MatchersTableType;
import org.jooq.meta.jaxb.Strategy;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drydock's jOOQ-meta and writer ({@code DrydockPostgresDatabase} and {@code DrydockJavaGenerator},
 * the defaults) write the same bytes as jOOQ's own {@code PostgresDatabase} and {@code
 * JavaGenerator}: both generate from one migrated database and the two trees must be equal file by
 * file ({@code diff -r} empty), also with a user's own naming strategy. The large generated schemas
 * run under {@code -Preliability}.
 */
class StockJooqIdentityTest {

  private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path root;

  @Test
  void sampleMigrationsGenerateTheSameSourcesAsStockJooq() throws Exception {
    assertSameAsStock(PROJECT.resolve("migrations"), embedded17());
  }

  @Test
  void pagilaGeneratesTheSameSourcesAsStockJooq() throws Exception {
    Path migrations = Files.createDirectories(root.resolve("pagila"));
    Files.writeString(migrations.resolve("V1__pagila.sql"), Pagila.withoutPgvector());
    assertSameAsStock(migrations, Pagila.postgres18());
  }

  @Test
  void fixtureProjectsGenerateTheSameSourcesAsStockJooq() throws Exception {
    Path migrations = Files.createDirectories(root.resolve("fixtures"));
    int i = 1;
    for (String fixture : List.of("generate-and-compile", "jooq-generator", "postgres-version")) {
      Path dir = PROJECT.resolve("maven-plugin/src/it/" + fixture + "/migrations");
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.sorted().toList()) {
          String sql =
              Files.readString(file)
                  .replaceAll(
                      "(?i)create table (\\w+)",
                      "create table " + fixture.replace('-', '_') + "_$1");
          Files.writeString(
              migrations.resolve("V" + i++ + "__" + fixture.replace('-', '_') + ".sql"), sql);
        }
      }
    }
    assertSameAsStock(migrations, Pagila.postgres18());
  }

  @Test
  void edgeCasesGenerateTheSameSourcesAsStockJooq() throws Exception {
    // given: what the one-query column read and the type schemas must get right: types from a
    // schema that is not generated, domains, arrays, serial next to identity, generated columns,
    // inheritance, views, a materialized view, a table function named like a table, comments
    Path migrations = Files.createDirectories(root.resolve("edge"));
    Files.writeString(migrations.resolve("V1__edge.sql"), EDGE);
    assertSameAsStock(migrations, embedded17());
  }

  @Test
  void tablesNamedLikeJavaLangClassesGenerateTheSameSourcesAsStockJooq() throws Exception {
    // given: generated classes named like the java.lang and jOOQ types the generated code uses,
    // which jOOQ must then write fully qualified in the classes beside them
    Path migrations = Files.createDirectories(root.resolve("names"));
    Files.writeString(
        migrations.resolve("V1__names.sql"),
        """
        CREATE TYPE override AS ENUM ('a', 'b');
        CREATE TABLE string (id bigint PRIMARY KEY, label text, o override);
        CREATE TABLE long (id bigint PRIMARY KEY REFERENCES string (id), n integer);
        CREATE TABLE object (id integer PRIMARY KEY, payload jsonb, s string);
        CREATE TABLE record (id integer PRIMARY KEY, at timestamptz, flag boolean);
        CREATE TABLE "Override" (id integer PRIMARY KEY, r integer REFERENCES record (id));
        CREATE TABLE "Integer" (id integer PRIMARY KEY, d date);
        """);
    assertSameAsStock(migrations, embedded17());
  }

  @Test
  void aUsersOwnStrategyClassNamesTheSameAsWithStockJooq() throws Exception {
    // given: the edge cases and a strategy of the user's that names classes, members, methods
    // and enum literals its own way
    Path migrations = Files.createDirectories(root.resolve("edge"));
    Files.writeString(migrations.resolve("V1__edge.sql"), EDGE);

    // when/then: generated with it, Drydock's writer (asking it once per question) and jOOQ's
    // (asking it each time) write the same bytes
    assertSameAsStock(
        migrations,
        embedded17(),
        new Generator().withStrategy(new Strategy().withName(PrefixingStrategy.class.getName())));
  }

  @Test
  void aUsersMatcherStrategyNamesTheSameAsWithStockJooq() throws Exception {
    // given: the edge cases and matchers renaming tables, records and fields
    Path migrations = Files.createDirectories(root.resolve("edge"));
    Files.writeString(migrations.resolve("V1__edge.sql"), EDGE);
    Matchers matchers =
        new Matchers()
            .withTables(
                new MatchersTableType()
                    .withExpression("(.*)")
                    .withTableClass(
                        new MatcherRule()
                            .withTransform(MatcherTransformType.PASCAL)
                            .withExpression("Tbl_$1"))
                    .withRecordClass(
                        new MatcherRule()
                            .withTransform(MatcherTransformType.PASCAL)
                            .withExpression("$1_Row")))
            .withFields(
                new MatchersFieldType()
                    .withExpression("(.*)")
                    .withFieldIdentifier(
                        new MatcherRule()
                            .withTransform(MatcherTransformType.UPPER)
                            .withExpression("F_$1")));

    // when/then
    assertSameAsStock(
        migrations,
        embedded17(),
        new Generator().withStrategy(new Strategy().withMatchers(matchers)));
  }

  @Test
  void aGeneratedSchemaOf50TablesGeneratesTheSameSourcesAsStockJooq() throws Exception {
    assertSameAsStock(wide(50), embedded17());
  }

  @Test
  @Tag("reliability")
  void aGeneratedSchemaOf1000TablesGeneratesTheSameSourcesAsStockJooq() throws Exception {
    assertSameAsStock(wide(1000), embedded17());
  }

  static final String EDGE =
      """
      CREATE SCHEMA ext;
      CREATE TYPE ext.mood AS ENUM ('sad', 'ok');
      CREATE DOMAIN ext.positive AS integer CHECK (VALUE > 0);
      CREATE TYPE status AS ENUM ('new', 'done');
      CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%');
      CREATE TYPE address AS (street text, zip varchar(10));
      CREATE TABLE int4 (id serial PRIMARY KEY, label text);
      COMMENT ON TABLE int4 IS 'a table named like a type';
      CREATE TABLE parent (
        id serial PRIMARY KEY,
        other_id integer GENERATED BY DEFAULT AS IDENTITY,
        m ext.mood,
        p ext.positive,
        s status[] NOT NULL DEFAULT '{}',
        e email,
        a address,
        tags text[][],
        n numeric(10, 3)[],
        t timestamp(3)[],
        iv interval day to second,
        ym interval year to month,
        total numeric GENERATED ALWAYS AS (id * 2) STORED,
        v varchar(20)[],
        c char(3)
      );
      COMMENT ON COLUMN parent.e IS 'an email';
      CREATE TABLE child (extra text) INHERITS (parent);
      CREATE TABLE serial_only (id bigserial PRIMARY KEY, parent_id integer REFERENCES parent (id));
      CREATE TABLE ident (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, s serial);
      CREATE VIEW parent_view AS SELECT id, m, e FROM parent;
      CREATE MATERIALIZED VIEW parent_mv AS SELECT id, s FROM parent;
      CREATE FUNCTION ident(n integer) RETURNS TABLE (id integer, label text)
        LANGUAGE sql AS 'SELECT id, label FROM int4 WHERE id > n';
      CREATE FUNCTION touch(p parent) RETURNS integer LANGUAGE sql AS 'SELECT p.id';
      CREATE SEQUENCE counter;
      """;

  private Path wide(int tables) throws IOException {
    StringBuilder sql = new StringBuilder("CREATE TYPE status AS ENUM ('new', 'closed');\n");
    for (int i = 1; i <= tables; i++) {
      String name = String.format(Locale.ROOT, "t%05d", i);
      sql.append("CREATE TABLE ")
          .append(name)
          .append(" (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, ")
          .append(
              i > 1
                  ? String.format(Locale.ROOT, "parent_id bigint REFERENCES t%05d (id), ", i - 1)
                  : "")
          .append("status status NOT NULL DEFAULT 'new', payload jsonb, ")
          .append("created_at timestamptz NOT NULL DEFAULT now());\n")
          .append("CREATE INDEX ")
          .append(name)
          .append("_created_at_idx ON ")
          .append(name)
          .append(" (created_at);\n");
    }
    Path migrations = Files.createDirectories(root.resolve("wide" + tables));
    Files.writeString(migrations.resolve("V1__wide.sql"), sql);
    return migrations;
  }

  private void assertSameAsStock(Path migrationsDir, ProviderSettings provider) throws Exception {
    assertSameAsStock(migrationsDir, provider, new Generator());
  }

  /**
   * Generates with Drydock's defaults and with jOOQ's own {@code PostgresDatabase} and {@code
   * JavaGenerator}, both with the user's {@code settings} (a strategy, say) merged in.
   */
  private void assertSameAsStock(Path migrationsDir, ProviderSettings provider, Generator settings)
      throws Exception {
    // given: one migrated database
    Migrations migrations = Migrations.configure().location(migrationsDir).build();
    try (MigratedDatabase migrated =
        MigratedDatabase.configure()
            .provider(provider)
            .migrations(migrations)
            .snapshots(SnapshotSettings.disabled())
            .start()) {
      // when: Drydock's default and jOOQ's own PostgresDatabase generate from it
      Path drydock = root.resolve("out-drydock");
      Path stock = root.resolve("out-stock");
      GenerationTool.generate(
          workflow(migrations, JooqGeneratorSettings.of(settings))
              .jooqConfiguration(migrated.database(), drydock));
      GenerationTool.generate(
          workflow(
                  migrations,
                  JooqGeneratorSettings.of(
                      new Generator()
                          .withName("org.jooq.codegen.JavaGenerator")
                          .withStrategy(settings.getStrategy())
                          .withDatabase(
                              new Database().withName("org.jooq.meta.postgres.PostgresDatabase"))))
              .jooqConfiguration(migrated.database(), stock));

      // then: the same files with the same bytes
      Map<String, String> ours = FileContents.of(drydock);
      Map<String, String> theirs = FileContents.of(stock);
      assertThat(theirs).isNotEmpty();
      assertThat(ours.keySet()).containsExactlyElementsOf(theirs.keySet());
      List<String> differing = new ArrayList<>();
      theirs.forEach(
          (file, text) -> {
            if (!text.equals(ours.get(file))) {
              differing.add(file);
            }
          });
      assertThat(differing).as("files that differ from stock jOOQ's").isEmpty();
      assertThat(ours).isEqualTo(theirs);
    }
  }

  /** A user's strategy: its own class, member, method and enum literal names. */
  public static final class PrefixingStrategy extends DefaultGeneratorStrategy {

    @Override
    public String getJavaClassName(Definition definition, Mode mode) {
      return "Db" + super.getJavaClassName(definition, mode);
    }

    @Override
    public String getJavaMemberName(Definition definition, Mode mode) {
      return "m" + super.getJavaMemberName(definition, mode);
    }

    @Override
    public String getJavaIdentifier(Definition definition) {
      return "ID_" + super.getJavaIdentifier(definition);
    }

    @Override
    public String getJavaMethodName(Definition definition, Mode mode) {
      return "call" + super.getJavaMethodName(definition, mode);
    }

    @Override
    public String getJavaEnumLiteral(org.jooq.meta.EnumDefinition definition, String literal) {
      return "L_" + super.getJavaEnumLiteral(definition, literal);
    }
  }

  private static CodeGeneration workflow(Migrations migrations, JooqGeneratorSettings jooq) {
    return CodeGeneration.configure()
        .migrations(migrations)
        .packageName("org.example.db")
        .jooqGenerator(jooq)
        .build();
  }

  private static ProviderSettings embedded17() {
    return ProviderSettings.configure().kind(ProviderKind.EMBEDDED).build();
  }
}
