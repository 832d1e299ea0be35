package dev.drydock.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.lint.rules.Finding;
import dev.drydock.migrate.MigrationException;
import dev.drydock.migrate.Migrations;
import dev.drydock.snapshot.SnapshotSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Statements PostgreSQL 15, 17 and 18 treat differently, linted on one major: each expectation says
 * what that major does (observed by the rules, never looked up by version), so the same statements
 * pass on one major and fail, or fire, on another. V1 is what production has (table {@code t} with
 * rows); the statements given are linted as new.
 */
final class MajorDifferences {

  private static final String V1 =
      "CREATE TABLE t (id int PRIMARY KEY, n int);\n"
          + "INSERT INTO t SELECT g, g FROM generate_series(1, 100) g;\n";

  private final int major;
  private final Path project;

  MajorDifferences(int major, Path project) {
    this.major = major;
    this.project = project;
  }

  /** {@code ADD COLUMN ... GENERATED ALWAYS AS (...)}: VIRTUAL on 18 (no rewrite), else refused. */
  void virtualGeneratedColumn() throws Exception {
    String add = "ALTER TABLE t ADD COLUMN v int GENERATED ALWAYS AS (n * 2);\n";
    if (major >= 18) {
      LintReport report = lint(V1, add);
      assertThat(report.of("table-rewrite")).isEmpty();
      assertThat(report.of("scan-under-lock")).isEmpty();
    } else {
      assertRefused(V1, add);
    }
  }

  /** {@code ... STORED}: computed for every row, a rewrite on every major. */
  void storedGeneratedColumn() throws Exception {
    LintReport report =
        lint(V1, "ALTER TABLE t ADD COLUMN s int GENERATED ALWAYS AS (n * 2) STORED;\n");
    assertThat(wheres(report.of("table-rewrite"))).containsExactly("V2__new.sql:1");
  }

  /**
   * {@code SET EXPRESSION} (17+) on a stored generated column rewrites the table; on 18 a virtual
   * one's does not; 15 refuses it.
   */
  void setExpression() throws Exception {
    String stored =
        "CREATE TABLE t (id int PRIMARY KEY, n int, s int GENERATED ALWAYS AS (n * 2) STORED);\n"
            + "INSERT INTO t (id, n) SELECT g, g FROM generate_series(1, 100) g;\n";
    String set = "ALTER TABLE t ALTER COLUMN s SET EXPRESSION AS (n * 3);\n";
    if (major < 17) {
      assertRefused(stored, set);
      return;
    }
    assertThat(wheres(lint(stored, set).of("table-rewrite"))).containsExactly("V2__new.sql:1");
    if (major >= 18) {
      String virtual =
          "CREATE TABLE t (id int PRIMARY KEY, n int, s int GENERATED ALWAYS AS (n * 2));\n"
              + "INSERT INTO t (id, n) SELECT g, g FROM generate_series(1, 100) g;\n";
      assertThat(lint(virtual, set).of("table-rewrite")).isEmpty();
    }
  }

  /**
   * {@code SET NOT NULL} scans under ACCESS EXCLUSIVE everywhere; the safe form suggested is the
   * one the server accepted: a NOT NULL constraint NOT VALID on 18, a helper CHECK before.
   */
  void setNotNullSuggestsTheSafeFormOfThisServer() throws Exception {
    List<Finding> scans =
        lint(V1, "ALTER TABLE t ALTER COLUMN n SET NOT NULL;\n").of("scan-under-lock");
    assertThat(wheres(scans)).containsExactly("V2__new.sql:1");
    assertThat(scans.get(0).message())
        .endsWith(
            major >= 18
                ? "; on this server: ADD CONSTRAINT ... NOT NULL n NOT VALID, then VALIDATE"
                    + " CONSTRAINT in a later migration"
                : "; on this server: ADD CONSTRAINT ... CHECK (n IS NOT NULL) NOT VALID, VALIDATE"
                    + " CONSTRAINT, then SET NOT NULL");
  }

  /**
   * 18's safe form of SET NOT NULL: a NOT NULL constraint NOT VALID (no scan), validated later
   * (scan under SHARE UPDATE EXCLUSIVE: writes go on). Before 18 it is refused.
   */
  void notNullNotValidThenValidate() throws Exception {
    String add = "ALTER TABLE t ADD CONSTRAINT t_n_nn NOT NULL n NOT VALID;\n";
    String validate = "ALTER TABLE t VALIDATE CONSTRAINT t_n_nn;\n";
    if (major < 18) {
      assertRefused(V1, add);
      return;
    }
    LintReport report = lint(V1, add, validate);
    assertThat(report.of("scan-under-lock")).isEmpty();
    assertThat(report.of("table-rewrite")).isEmpty();
  }

  private void assertRefused(String v1, String v2) {
    assertThatThrownBy(() -> lint(v1, v2))
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("V2__new.sql:1");
  }

  private LintReport lint(String v1, String... later) throws Exception {
    try (var files = Files.list(project)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.writeString(project.resolve("V1__t.sql"), v1);
    for (int i = 0; i < later.length; i++) {
      Files.writeString(
          project.resolve("V" + (i + 2) + "__" + (i == 0 ? "new" : "next" + i) + ".sql"), later[i]);
    }
    LintReport report =
        Lint.configure()
            .provider(LintServers.major(major, LintTestCache.dir()))
            .snapshots(SnapshotSettings.disabled())
            .migrations(Migrations.configure().location(project).build())
            .newMigrations(NewMigrations.since("1"))
            .build()
            .run();
    assertThat(report.major()).isEqualTo(major);
    return report;
  }

  private static List<String> wheres(List<Finding> findings) {
    return findings.stream().map(Finding::where).toList();
  }
}
