package dev.drydock.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.migrate.Migrations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which migrations are new: after a version, or changed since a git ref. */
class NewMigrationsTest {

  @TempDir Path repo;

  private void git(String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                "git",
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@example.com",
                "-c",
                "commit.gpgsign=false"));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as(out).isTrue();
  }

  private Path write(String name, String sql) throws Exception {
    Path f = repo.resolve("db").resolve(name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, sql);
    return f;
  }

  private Migrations migrations() {
    return Migrations.configure().location(repo.resolve("db")).build();
  }

  @Test
  void sinceAVersionTheLaterVersionedOnesAreNewAndTheEarlierOnesThePrefix() throws Exception {
    // given three migrations
    write("V1__a.sql", "CREATE TABLE a (id int);");
    write("V2__b.sql", "CREATE TABLE b (id int);");
    Path v10 = write("V10__c.sql", "CREATE TABLE c (id int);");

    // when the ones after 2 are asked for
    NewMigrations.Selection s = NewMigrations.since("2").select(migrations());

    // then V10 (by version, not by name) is new, and V1, V2 stay the prefix
    assertThat(s.files()).containsExactly(v10.toAbsolutePath().normalize());
    assertThat(s.prefixLength()).isEqualTo(2);
  }

  @Test
  void changedSinceARefCommittedEditedAndUntrackedFilesAreNew() throws Exception {
    // given a repository where main has V1 and V2, then V3 is committed and V4 is untracked
    write("V1__a.sql", "CREATE TABLE a (id int);");
    write("V2__b.sql", "CREATE TABLE b (id int);");
    git("init", "-q");
    git("add", ".");
    git("commit", "-qm", "base");
    git("tag", "base");
    Path v3 = write("V3__c.sql", "CREATE TABLE c (id int);");
    git("add", ".");
    git("commit", "-qm", "c");
    Path v4 = write("V4__d.sql", "CREATE TABLE d (id int);");
    write("notes.txt", "not a migration");

    // when the files changed since the tag are asked for
    NewMigrations.Selection s =
        NewMigrations.changedSince("base", repo.resolve("db")).select(migrations());

    // then
    assertThat(s.files())
        .containsExactly(v3.toAbsolutePath().normalize(), v4.toAbsolutePath().normalize());
    assertThat(s.prefixLength()).isEqualTo(2);
  }

  @Test
  void anUnknownRefIsOneLineNamingIt() throws Exception {
    // given a repository
    write("V1__a.sql", "CREATE TABLE a (id int);");
    git("init", "-q");

    // then
    assertThatThrownBy(() -> NewMigrations.changedSince("no-such-ref", repo.resolve("db")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("git diff --name-only --diff-filter=ACMR no-such-ref --")
        .hasMessageContaining("no-such-ref");
  }
}
