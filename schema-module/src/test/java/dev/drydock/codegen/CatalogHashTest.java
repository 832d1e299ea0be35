package dev.drydock.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.snapshot.MigratedDatabase;
import dev.drydock.snapshot.SnapshotSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog hash that lets a run keep the jOOQ sources covers what jOOQ reads: a change of each
 * kind of object changes it, moving data does not; and the pull workflow keeps the sources exactly
 * when it is unchanged.
 */
class CatalogHashTest {

  private static final String BASE =
      """
      CREATE TYPE status AS ENUM ('new', 'done');
      CREATE DOMAIN email AS text;
      CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text,
        mail email, status status NOT NULL DEFAULT 'new', age integer, code text, ref bigint);
      CREATE TABLE posts (id serial PRIMARY KEY, user_id bigint, title text);
      CREATE VIEW named_users AS SELECT id, name FROM users;
      CREATE FUNCTION greet(who text) RETURNS text LANGUAGE sql AS 'SELECT who';
      CREATE SEQUENCE counter;
      """;

  @TempDir Path root;

  @Test
  void eachKindOfSchemaChangeChangesTheHashAndMovingDataDoesNot() throws Exception {
    // given: a migrated database and its hash
    Path migrations = Files.createDirectories(root.resolve("migrations"));
    Files.writeString(migrations.resolve("V1__base.sql"), BASE);
    Map<String, String> changes = new LinkedHashMap<>();
    changes.put("table", "CREATE TABLE tags (id integer NOT NULL)");
    changes.put("column type", "ALTER TABLE users ALTER COLUMN age TYPE bigint");
    changes.put("nullability", "ALTER TABLE users ALTER COLUMN name SET NOT NULL");
    changes.put("default", "ALTER TABLE users ALTER COLUMN age SET DEFAULT 18");
    changes.put("identity", "ALTER TABLE tags ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY");
    changes.put("enum label", "ALTER TYPE status ADD VALUE 'archived'");
    changes.put("domain", "ALTER DOMAIN email ADD CONSTRAINT at CHECK (VALUE LIKE '%@%')");
    changes.put(
        "foreign key",
        "ALTER TABLE posts ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users");
    changes.put("unique", "ALTER TABLE users ADD CONSTRAINT code_key UNIQUE (code)");
    changes.put("index", "CREATE INDEX posts_title ON posts (title)");
    changes.put("check", "ALTER TABLE users ADD CONSTRAINT adult CHECK (age >= 18)");
    changes.put("view", "CREATE OR REPLACE VIEW named_users AS SELECT id, name, age FROM users");
    changes.put(
        "routine",
        "CREATE FUNCTION greet(who text, loud boolean) RETURNS text LANGUAGE sql AS 'SELECT who'");
    changes.put("sequence", "ALTER SEQUENCE counter INCREMENT BY 10");
    changes.put("comment", "COMMENT ON COLUMN users.name IS 'the name'");
    changes.put("schema", "CREATE SCHEMA extra");
    try (MigratedDatabase migrated = start(migrations);
        Connection c = migrated.database().dataSource().getConnection();
        Statement st = c.createStatement()) {
      String before = hash(c);

      // when: data moves, and a function body changes (the generated code shows neither)
      st.execute("INSERT INTO users (name, age) VALUES ('a', 20), ('b', 30)");
      st.execute("UPDATE users SET age = age + 1");
      st.execute("INSERT INTO posts (user_id, title) SELECT id, 'x' FROM users");
      st.execute("DELETE FROM posts");
      st.execute("SELECT nextval('counter')");
      st.execute("ANALYZE");
      st.execute(
          "CREATE OR REPLACE FUNCTION greet(who text) RETURNS text LANGUAGE sql AS 'SELECT upper(who)'");

      // then
      assertThat(hash(c)).as("after moving data").isEqualTo(before);

      // when / then: each kind of change, one after the other
      List<String> unchanged = new ArrayList<>();
      String previous = before;
      for (Map.Entry<String, String> change : changes.entrySet()) {
        st.execute(change.getValue());
        String now = hash(c);
        if (now.equals(previous)) {
          unchanged.add(change.getKey());
        }
        previous = now;
      }
      assertThat(unchanged).as("changes the hash did not see").isEmpty();
    }
  }

  @Test
  void aDataOnlyMigrationKeepsTheSourcesAndASchemaChangeRegenerates() throws Exception {
    // given: sources generated from the base migration
    Path migrations = Files.createDirectories(root.resolve("migrations"));
    Files.writeString(migrations.resolve("V1__base.sql"), BASE);
    Path output = root.resolve("generated");
    List<String> log = new ArrayList<>();
    run(migrations, output, log);
    Path users = output.resolve("org/example/db/tables/Users.java");
    long modified = Files.getLastModifiedTime(users).toMillis();
    Files.setLastModifiedTime(
        users, java.nio.file.attribute.FileTime.fromMillis(modified - 60_000));

    // when: a migration that only inserts rows
    Files.writeString(
        migrations.resolve("V2__data.sql"), "INSERT INTO users (name) VALUES ('seed');\n");
    log.clear();
    GenerationResult kept = run(migrations, output, log);

    // then: the sources are the same files, the fingerprint is the new one
    assertThat(log).filteredOn(l -> l.startsWith("Schema unchanged")).hasSize(1);
    assertThat(Files.getLastModifiedTime(users).toMillis()).isEqualTo(modified - 60_000);
    assertThat(kept.fingerprint().matches(output)).isTrue();
    assertThat(run(migrations, output, log).upToDate()).isTrue();

    // when: a migration that adds a column
    Files.writeString(migrations.resolve("V3__column.sql"), "ALTER TABLE users ADD nick text;\n");
    log.clear();
    run(migrations, output, log);

    // then: regenerated
    assertThat(log).noneMatch(l -> l.startsWith("Schema unchanged"));
    assertThat(Files.readString(users)).contains("NICK");
  }

  private GenerationResult run(Path migrations, Path output, List<String> log) {
    return CodeGeneration.configure()
        .migrations(Migrations.configure().location(migrations).build())
        .packageName("org.example.db")
        .outputDirectory(output)
        .provider(ProviderSettings.configure().kind(ProviderKind.EMBEDDED).build())
        .snapshots(SnapshotSettings.disabled())
        .log(log::add)
        .build()
        .run();
  }

  private static MigratedDatabase start(Path migrations) {
    return MigratedDatabase.configure()
        .provider(ProviderSettings.configure().kind(ProviderKind.EMBEDDED).build())
        .migrations(Migrations.configure().location(migrations).build())
        .snapshots(SnapshotSettings.disabled())
        .start();
  }

  private static String hash(Connection c) throws Exception {
    return CatalogHash.of(c, List.of("public", "extra"), "configuration");
  }
}
