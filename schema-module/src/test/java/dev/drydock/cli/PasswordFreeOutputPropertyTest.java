package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.testing.SharedPostgres;
import dev.drydock.testing.SharedPostgres.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: the SQL and JSON that {@code diff --format sql|json} and {@code pull --dry-run} print
 * are byte for byte the same whether the live database was reached with a password or without one,
 * whatever the password: also words the output holds anyway ({@code public}, {@code users}, {@code
 * postgres}, {@code id}, {@code text}). Passwords are kept out where the output is formed, so the
 * output that cannot hold one is never masked.
 */
@ExtendWith(SharedPostgres.class)
class PasswordFreeOutputPropertyTest {

  /** Words the schema's SQL and JSON hold, then random ones. */
  private static final List<String> WORDS = List.of("public", "users", "postgres", "id", "text");

  /** 60 in the default build: each password through two of the commands; 400: through all. */
  private static final int CASES = Integer.getInteger("drydock.passwordCases", 60);

  private static final int RANDOM_PASSWORDS = CASES / 60;

  private static final List<List<String>> COMMANDS =
      List.of(
          List.of("diff", "--format", "sql"),
          List.of("diff", "--format", "json"),
          List.of("pull", "--dry-run"),
          List.of("pull", "--dry-run", "--format", "json"));

  private static final Pattern TIMESTAMP =
      Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

  @TempDir Path dir;

  @Test
  void givenAnyPassword_whenSqlOrJsonIsPrinted_thenItIsTheSameAsWithoutAPassword(TestServer server)
      throws Exception {
    // given: migrations, and a live database that has drifted from them
    Path migrations = Files.createDirectories(dir.resolve("migrations"));
    Files.writeString(
        migrations.resolve("V1__users.sql"),
        "create table users (id integer primary key, name text);\n");
    String live = server.createDatabase("pwfree_live", null);
    server.execute(
        live,
        "create table users (id integer primary key, name text, \"public\" text);"
            + " create table posts (id integer, body text, user_id integer);");
    Matcher m = Pattern.compile("//([^/]+)/").matcher(server.serverUrl());
    assertThat(m.find()).isTrue();
    String hostPort = m.group(1);
    List<String> throwaway =
        List.of(
            "--provider",
            "external",
            "--provider-url",
            server.serverUrl(),
            "--provider-user",
            "postgres",
            "--migrations",
            migrations.toString());
    List<String> without = new ArrayList<>();
    for (List<String> command : COMMANDS) {
      without.add(
          stdout(
              command,
              throwaway,
              List.of(
                  "--url", "jdbc:postgresql://" + hostPort + "/" + live, "--user", "postgres")));
    }
    assertThat(without.get(0)).contains("ALTER TABLE public.users");
    assertThat(without.get(1)).contains("\"public\"");
    assertThat(without.get(2)).contains("CREATE TABLE public.posts");

    List<String> passwords = new ArrayList<>(WORDS);
    Random random = new Random(20261205L);
    for (int i = 0; i < RANDOM_PASSWORDS; i++) {
      passwords.add(randomPassword(random));
    }
    for (int i = 0; i < passwords.size(); i++) {
      String password = passwords.get(i);
      String role = "pwfree_role_" + i;
      server.execute(
          live, "CREATE ROLE " + role + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
      String url =
          "postgres://"
              + role
              + ":"
              + URLEncoder.encode(password, StandardCharsets.UTF_8)
              + "@"
              + hostPort
              + "/"
              + live;
      for (int c = 0; c < COMMANDS.size(); c++) {
        if (CASES < 400 && c != i % COMMANDS.size() && c != (i + 1) % COMMANDS.size()) {
          continue;
        }
        // when: the same command reaches the live database with the password
        String with = stdout(COMMANDS.get(c), throwaway, List.of("--url", url));

        // then: byte for byte what it printed without one
        assertThat(with).as("password %s, %s", password, COMMANDS.get(c)).isEqualTo(without.get(c));
      }
    }
  }

  /** Standard output, with the pulled file's timestamp made comparable. */
  private static String stdout(List<String> command, List<String> throwaway, List<String> url) {
    List<String> args = new ArrayList<>(command);
    args.addAll(throwaway);
    args.addAll(url);
    Cli.Result result = Cli.run(Map.of(), args.toArray(String[]::new));
    assertThat(result.exitCode()).as(args + "\n" + result.all()).isIn(0, ExitCodes.DRIFT);
    return TIMESTAMP.matcher(result.out()).replaceAll("<time>");
  }

  private static String randomPassword(Random random) {
    StringBuilder sb = new StringBuilder();
    int length = 1 + random.nextInt(20);
    for (int i = 0; i < length; i++) {
      sb.append((char) (0x21 + random.nextInt(0x7E - 0x21)));
    }
    return sb.toString();
  }
}
