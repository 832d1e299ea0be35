package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.diff.report.Json;
import dev.drydock.testing.SharedPostgres;
import dev.drydock.testing.SharedPostgres.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: whatever the password (random printable ASCII and non-ASCII, 1-64 characters) and
 * whichever way it is given (URL user-info, percent-encoded or not, {@code DATABASE_URL}, {@code
 * --password-env}, {@code PGPASSWORD}, a JDBC {@code password=} parameter, the provider's URL or
 * {@code --provider-password-env}), no command prints it on stdout or stderr, in text, JSON or
 * {@code --verbose} stack traces, whether the URL is good or not. Good URLs reach a real server:
 * one embedded PostgreSQL with a role per password, which the good cases must log in as.
 */
@ExtendWith(SharedPostgres.class)
class PasswordLeakPropertyTest {

  private static final long SEED = 20261201L;

  /** 60 in the default build, 400 with {@code -Preliability} (a multiple of ten). */
  private static final int CASES = Integer.getInteger("drydock.passwordCases", 60);

  /** Every tenth case gets a good URL and logs in, cycling through the commands. */
  private static final List<String> GOOD_COMMANDS =
      List.of(
          "check",
          "migrate",
          "diff",
          "generate",
          "check",
          "migrate",
          "check",
          "migrate",
          "diff",
          "generate");

  private static final String NON_ASCII =
      "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ"
          + "αβγδεζηθικλμνξοπρστυφχψωабвгдежзийклмнопрстуфхцчшщъыьэюя中文字密码安全日本語";

  /** How a live command (diff, check, migrate) is given the password. */
  enum LiveWay {
    URL_ENCODED(true),
    URL_RAW(false),
    DATABASE_URL_ENCODED(true),
    DATABASE_URL_RAW(false),
    URL_BAD_PORT(false),
    PASSWORD_ENV(true),
    PGPASSWORD(true),
    JDBC_PARAMETER(true),
    WRONG_PASSWORD(false);

    final boolean connects;

    LiveWay(boolean connects) {
      this.connects = connects;
    }
  }

  /** How {@code generate} is given the password of its external throwaway server. */
  enum ProviderWay {
    PROVIDER_URL_ENCODED(true),
    PROVIDER_URL_RAW(false),
    PROVIDER_ENV_URL_ENCODED(true),
    PROVIDER_PASSWORD_ENV(true),
    PROVIDER_BAD_PORT(false);

    final boolean connects;

    ProviderWay(boolean connects) {
      this.connects = connects;
    }
  }

  @TempDir Path dir;

  @Test
  void generatedPasswordsNeverAppearInAnyOutputOfAnyCommand(TestServer server) throws Exception {
    Path migrations = Files.createDirectories(dir.resolve("migrations"));
    Files.writeString(migrations.resolve("V1__items.sql"), "create table items (id int);\n");
    Matcher m = Pattern.compile("//([^/]+)/").matcher(server.serverUrl());
    assertThat(m.find()).isTrue();
    String hostPort = m.group(1);
    String shared = server.createDatabase("leak_live", null);
    Random random = new Random(SEED);
    List<String> leaks = new ArrayList<>();
    List<String> unexpected = new ArrayList<>();
    int connected = 0;

    for (int i = 0; i < CASES; i++) {
      String password = password(random);
      String role = "leak_role_" + i;
      server.execute(
          shared,
          "CREATE ROLE " + role + " LOGIN CREATEDB PASSWORD '" + password.replace("'", "''") + "'");
      boolean good = i % 10 == 0;
      String command =
          good
              ? GOOD_COMMANDS.get((i / 10) % GOOD_COMMANDS.size())
              : List.of("diff", "check", "migrate", "generate").get(random.nextInt(4));
      boolean verbose = random.nextBoolean();
      Map<String, String> env = new HashMap<>();
      List<String> args = new ArrayList<>(List.of(command));
      if (verbose) {
        args.add("--verbose");
      }
      args.addAll(List.of("--migrations", migrations.toString()));
      String given;
      boolean connects;
      Set<Integer> success;
      if (command.equals("generate")) {
        ProviderWay way = pick(random, ProviderWay.values(), w -> w.connects == good);
        given = password;
        connects = way.connects;
        success = Set.of(ExitCodes.OK);
        args.addAll(
            List.of(
                "--package",
                "com.ex.db",
                "--output",
                dir.resolve("out_" + i).toString(),
                "--provider",
                "external"));
        String encodedUrl = "postgres://" + role + ":" + encode(password) + "@" + hostPort;
        switch (way) {
          case PROVIDER_URL_ENCODED -> args.add("--provider-url=" + encodedUrl + "/postgres");
          case PROVIDER_URL_RAW ->
              args.add("--provider-url=postgres://" + role + ":" + password + "@" + hostPort);
          case PROVIDER_ENV_URL_ENCODED -> env.put("DRYDOCK_PROVIDER_URL", encodedUrl);
          case PROVIDER_PASSWORD_ENV -> {
            env.put("LEAK_PW", password);
            args.addAll(
                List.of(
                    "--provider-url=jdbc:postgresql://" + hostPort + "/postgres",
                    "--provider-user",
                    role,
                    "--provider-password-env",
                    "LEAK_PW"));
          }
          case PROVIDER_BAD_PORT ->
              args.add("--provider-url=postgres://" + role + ":" + encode(password) + "@db:99999");
        }
      } else {
        LiveWay way = pick(random, LiveWay.values(), w -> w.connects == good);
        connects = way.connects;
        given = way == LiveWay.WRONG_PASSWORD ? "W" + password : password;
        String database = shared;
        if (command.equals("migrate")) {
          if (connects) {
            database = server.createDatabase("leak_own", null);
            server.execute(database, "ALTER DATABASE " + database + " OWNER TO " + role);
          }
          success = Set.of(ExitCodes.OK);
        } else {
          success = Set.of(ExitCodes.NO_DRIFT, ExitCodes.DRIFT);
          if (random.nextBoolean()) {
            args.addAll(List.of("--format", "json"));
          }
        }
        if (command.equals("diff")) {
          args.addAll(
              List.of(
                  "--provider",
                  "external",
                  "--provider-url",
                  server.serverUrl(),
                  "--provider-user",
                  "postgres"));
        }
        String jdbc = "jdbc:postgresql://" + hostPort + "/" + database;
        String encodedUrl =
            "postgres://" + role + ":" + encode(given) + "@" + hostPort + "/" + database;
        String rawUrl = "postgres://" + role + ":" + given + "@" + hostPort + "/" + database;
        switch (way) {
          case URL_ENCODED -> args.add("--url=" + encodedUrl);
          case URL_RAW -> args.add("--url=" + rawUrl);
          case DATABASE_URL_ENCODED -> env.put("DATABASE_URL", encodedUrl);
          case DATABASE_URL_RAW -> env.put("DATABASE_URL", rawUrl);
          case URL_BAD_PORT ->
              args.add("--url=postgres://" + role + ":" + given + "@" + "db:99999/" + database);
          case PASSWORD_ENV -> {
            env.put("LEAK_PW", given);
            args.addAll(List.of("--url=" + jdbc, "--user", role, "--password-env", "LEAK_PW"));
          }
          case PGPASSWORD, WRONG_PASSWORD -> {
            env.put("PGPASSWORD", given);
            args.addAll(List.of("--url=" + jdbc, "--user", role));
          }
          case JDBC_PARAMETER ->
              args.add(
                  "--url="
                      + jdbc
                      + "?user="
                      + role
                      + "&password="
                      + URLEncoder.encode(given, StandardCharsets.UTF_8));
        }
      }

      Cli.Result result = Cli.run(env, args.toArray(String[]::new));

      String describe = "case " + i + " " + args + " " + env.keySet() + " password " + given;
      for (String form : forms(given, args.toString() + env.values())) {
        if (result.all().contains(form)) {
          leaks.add(describe + " printed " + form + ":\n" + result.all());
        }
      }
      if (connects && !success.contains(result.exitCode())) {
        unexpected.add(describe + " exited " + result.exitCode() + ":\n" + result.all());
      } else if (connects) {
        connected++;
      }
    }

    assertThat(leaks).isEmpty();
    assertThat(unexpected).isEmpty();
    assertThat(connected).as("good cases that logged in").isEqualTo(CASES / 10);
  }

  private static <T> T pick(Random random, T[] values, java.util.function.Predicate<T> wanted) {
    List<T> candidates = java.util.Arrays.stream(values).filter(wanted).toList();
    return candidates.get(random.nextInt(candidates.size()));
  }

  /** 1-64 characters, mostly printable ASCII, about one in five non-ASCII. */
  private static String password(Random random) {
    int length = 1 + random.nextInt(64);
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(
          random.nextInt(5) == 0
              ? NON_ASCII.charAt(random.nextInt(NON_ASCII.length()))
              : (char) (0x20 + random.nextInt(0x7F - 0x20)));
    }
    return sb.toString();
  }

  /** The password as a URL's user-info carries it: everything but unreserved characters encoded. */
  private static String encode(String password) {
    StringBuilder sb = new StringBuilder();
    for (byte b : password.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xFF);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-._~".indexOf(c) >= 0) {
        sb.append(c);
      } else {
        sb.append('%').append(String.format("%02X", b & 0xFF));
      }
    }
    return sb.toString();
  }

  /** Every form in which a printed password could be read back: as is, in JSON, as given. */
  private static Set<String> forms(String password, String given) {
    Set<String> forms = new LinkedHashSet<>();
    forms.add(password);
    String json = Json.string(password);
    forms.add(json.substring(1, json.length() - 1));
    for (String encoded :
        List.of(encode(password), URLEncoder.encode(password, StandardCharsets.UTF_8))) {
      if (given.contains(":" + encoded + "@") || given.contains("password=" + encoded)) {
        forms.add(encoded);
      }
    }
    return forms;
  }
}
