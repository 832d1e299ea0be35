package dev.drydock.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files are migrations is what Flyway's own resolver says, for every reader of the list. */
class ResolvedMigrationsTest {

  @TempDir Path dir;

  private static FlywaySettings settings(String... keyValues) {
    FlywaySettings.Builder b = FlywaySettings.configure();
    for (int i = 0; i < keyValues.length; i += 2) {
      b.setting(keyValues[i], keyValues[i + 1]);
    }
    return b.build();
  }

  @Test
  void anUpperCaseSuffixIsAMigrationAsFlywayRunsIt() throws Exception {
    // given: Flyway matches suffixes ignoring case
    Files.writeString(dir.resolve("V1__a.sql"), "create table a (id int);\n");
    Files.writeString(dir.resolve("V2__b.SQL"), "create table b (id int);\n");
    Migrations migrations = Migrations.configure().location(dir).build();

    // when
    List<Path> files = migrations.files();
    MigrationChain chain = migrations.chain();

    // then
    assertThat(files).containsExactly(dir.resolve("V1__a.sql"), dir.resolve("V2__b.SQL"));
    assertThat(chain.versioned())
        .extracting(MigrationChain.Versioned::version)
        .containsExactly("1", "2");
  }

  @Test
  void aConfiguredSuffixAloneIsEnough() throws Exception {
    // given: sqlMigrationSuffixes=.pgsql and no .sql file
    Files.writeString(dir.resolve("V1__a.pgsql"), "create table a (id int);\n");
    Migrations migrations =
        Migrations.configure()
            .location(dir)
            .settings(settings("flyway.sqlMigrationSuffixes", ".pgsql"))
            .build();

    // when
    migrations.requireMigrations();

    // then
    assertThat(migrations.files()).containsExactly(dir.resolve("V1__a.pgsql"));
  }

  @Test
  void aConfiguredPrefixIsWhatFlywayResolves() throws Exception {
    // given: sqlMigrationPrefix=M
    Files.writeString(dir.resolve("M1__a.sql"), "create table a (id int);\n");
    Files.writeString(dir.resolve("M2_1__b.sql"), "create table b (id int);\n");
    Migrations migrations =
        Migrations.configure()
            .location(dir)
            .settings(settings("flyway.sqlMigrationPrefix", "M"))
            .build();

    // when
    migrations.requireMigrations();

    // then
    assertThat(migrations.chain().versioned())
        .extracting(MigrationChain.Versioned::version)
        .containsExactly("1", "2.1");
  }

  @Test
  void aSymlinkedDirectoryAndFileAreFollowedAsFlywayFollowsThem() throws Exception {
    // given: mig -> real, and real/sub/V2 -> elsewhere/V2__b.sql
    Path real = Files.createDirectories(dir.resolve("real"));
    Files.writeString(real.resolve("V1__a.sql"), "create table a (id int);\n");
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Files.writeString(elsewhere.resolve("V2__b.sql"), "create table b (id int);\n");
    Files.createDirectories(real.resolve("sub"));
    Files.createSymbolicLink(real.resolve("sub/V2__b.sql"), elsewhere.resolve("V2__b.sql"));
    Path link = Files.createSymbolicLink(dir.resolve("mig"), real);
    Migrations migrations = Migrations.configure().location(link).build();

    // when
    migrations.requireMigrations();

    // then
    assertThat(migrations.chain().versioned())
        .extracting(MigrationChain.Versioned::script)
        .containsExactly("V1__a.sql", "sub/V2__b.sql");
  }

  @Test
  void aCommentedOutExecuteInTransactionDoesNotCount() throws Exception {
    // given: one .conf says it, one has it commented out
    Files.writeString(dir.resolve("V1__a.sql"), "create table a (id int);\n");
    Files.writeString(dir.resolve("V1__a.sql.conf"), "# executeInTransaction=false\n");
    Files.writeString(dir.resolve("V2__b.sql"), "create table b (id int);\n");
    Files.writeString(dir.resolve("V2__b.sql.conf"), "executeInTransaction = false\n");
    Migrations migrations = Migrations.configure().location(dir).build();

    // when / then
    assertThat(migrations.runsOutsideTransaction("V1__a.sql")).isFalse();
    assertThat(migrations.runsOutsideTransaction("V2__b.sql")).isTrue();
  }

  @Test
  void aFileFlywaySkipsIsStillReportedByName() throws Exception {
    // given
    Files.writeString(dir.resolve("V1__a.sql"), "create table a (id int);\n");
    Files.writeString(dir.resolve("v2__lower.SQL"), "create table b (id int);\n");
    Migrations migrations = Migrations.configure().location(dir).build();

    // when / then
    assertThatThrownBy(migrations::requireMigrations)
        .isInstanceOf(MigrationException.class)
        .hasMessage(
            dir.resolve("v2__lower.SQL")
                + ": Flyway would skip it: the prefix 'v' is not 'V' (prefixes are case-sensitive);"
                + " rename, or allow such files with validateMigrationNaming=false");
  }
}
