package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.diff.Comparison;
import dev.drydock.diff.MigrationsComparison;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.provider.ThrowawayDatabase;
import dev.drydock.snapshot.SnapshotSettings;
import dev.drydock.testing.Fixtures;
import dev.drydock.testing.SharedPostgres;
import dev.drydock.testing.SharedPostgres.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pulled baseline applies to a fresh cluster: the roles its grants and policies name are created
 * first (guarded, NOLOGIN), so the project whose first migration creates a role in a DO block can
 * be re-based anywhere.
 */
@ExtendWith(SharedPostgres.class)
class PullRolesTest {

  private static final Path ORIGINAL = Fixtures.resource("versions/deparsed");

  @TempDir Path temp;
  private TestServer server;
  private String live;

  @BeforeEach
  void liveDatabaseMigratedByAProjectThatCreatesItsRole(TestServer shared) {
    server = shared;
    live = server.createDatabase("roles_live", null);
    Cli.Result migrated =
        Cli.run(
            Map.of(),
            "migrate",
            "--url",
            server.url(live),
            "--user",
            "postgres",
            "--migrations",
            ORIGINAL.toString());
    assertThat(migrated.exitCode()).as(migrated.all()).isZero();
  }

  @AfterEach
  void dropLive() {
    server.dropDatabase(live);
  }

  @Test
  void givenGrantsAndPoliciesToARole_whenPulled_thenTheBaselineAppliesToAFreshClusterWithNoDrift()
      throws Exception {
    // given an empty project directory
    Path project = temp.resolve("pulled");

    // when the live database is pulled into it
    Cli.Result pulled = pull(project);

    // then the baseline creates the role first, guarded, NOLOGIN, no password
    assertThat(pulled.exitCode()).as(pulled.all()).isZero();
    String baseline = onlyFile(project);
    assertThat(baseline)
        .contains("IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'crud')")
        .contains("    CREATE ROLE crud NOLOGIN;\n")
        .contains("Login roles and passwords are the operator's")
        .doesNotContain("PASSWORD");
    assertThat(baseline.indexOf("CREATE ROLE crud"))
        .isLessThan(baseline.indexOf("GRANT "))
        .isLessThan(baseline.indexOf("CREATE POLICY"));

    // and it applies to a fresh cluster, whose database has no drift against the originals
    Path cache = temp.resolve("cache");
    try (ThrowawayDatabase fresh =
        ThrowawayDatabase.start(
            ProviderSettings.configure()
                .kind(ProviderKind.EMBEDDED)
                .cacheDirectory(cache)
                .build())) {
      assertThat(roleExists(fresh, "crud")).isFalse();
      Migrations.configure().location(project).build().migrate(fresh.dataSource());
      assertThat(roleExists(fresh, "crud")).isTrue();
      try (Connection c = fresh.connect()) {
        Comparison compared =
            MigrationsComparison.configure()
                .migrations(Migrations.configure().location(ORIGINAL).build())
                .provider(
                    ProviderSettings.configure()
                        .kind(ProviderKind.EMBEDDED)
                        .cacheDirectory(cache)
                        .build())
                .snapshots(SnapshotSettings.disabled())
                .build()
                .compare(c);
        assertThat(compared.result().differences()).isEmpty();
      }
    }
  }

  @Test
  void givenNoRoles_whenPulled_thenTheBaselineCreatesNoRole() throws Exception {
    Path project = temp.resolve("pulled");

    Cli.Result pulled = pull(project, "--no-roles");

    assertThat(pulled.exitCode()).as(pulled.all()).isZero();
    assertThat(onlyFile(project)).doesNotContain("CREATE ROLE").contains("TO crud");
  }

  private Cli.Result pull(Path project, String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "pull",
                "--url",
                server.url(live),
                "--user",
                "postgres",
                "--migrations",
                project.toString(),
                "--provider",
                "external",
                "--provider-url",
                server.serverUrl(),
                "--provider-user",
                "postgres"));
    args.addAll(List.of(extra));
    return Cli.run(Map.of(), args.toArray(String[]::new));
  }

  private static String onlyFile(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> all = files.toList();
      assertThat(all).hasSize(1);
      return Files.readString(all.get(0));
    }
  }

  private static boolean roleExists(ThrowawayDatabase db, String role) throws Exception {
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT count(*) FROM pg_roles WHERE rolname = '" + role + "'")) {
      rs.next();
      return rs.getInt(1) == 1;
    }
  }
}
