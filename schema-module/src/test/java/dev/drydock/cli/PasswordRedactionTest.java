package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A URL whose password holds unescaped special characters cannot be parsed: the message shows no
 * part of its user-info (everything between {@code ://} and the last {@code @}), in every command
 * and with {@code --verbose}.
 */
class PasswordRedactionTest {

  private static final String PASSWORD = "p@ss:w/rd%40#x ?&";
  private static final String URL = "postgres://postgres:" + PASSWORD + "@127.0.0.1:38756/c1";
  private static final String MESSAGE =
      "drydock: Not a valid PostgreSQL URL: postgres://****@127.0.0.1:38756/c1 (percent-encode"
          + " special characters of the user name and password, e.g. @ as %40, or give the"
          + " password with --password-env)\n";
  private static final List<String> FRAGMENTS =
      List.of("postgres:p", "p@ss", "ss:w", "w/rd", "rd%40", "%40#x", "#x ?&", "x ?");

  @TempDir Path migrations;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"diff", "check", "migrate"})
  void givenAnUnescapedPasswordInUrlWhenRunningThenNoPartOfTheUserInfoIsPrinted(String command)
      throws Exception {
    Files.writeString(migrations.resolve("V1__a.sql"), "create table a (id int);\n");

    Cli.Result plain = Cli.run(Map.of(), command, "--url", URL, "--migrations", dir());
    Cli.Result verbose =
        Cli.run(Map.of(), command, "--verbose", "--url", URL, "--migrations", dir());
    Cli.Result fromEnv =
        Cli.run(Map.of("DATABASE_URL", URL), command, "--verbose", "--migrations", dir());

    for (Cli.Result result : List.of(plain, verbose, fromEnv)) {
      assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONNECTION);
      assertThat(result.out()).isEmpty();
      assertThat(result.err()).startsWith(MESSAGE);
      assertThat(result.err()).doesNotContain(FRAGMENTS);
    }
    assertThat(plain.err()).isEqualTo(MESSAGE);
  }

  @Test
  void givenAnUnescapedPasswordInTheProviderUrlWhenGeneratingThenNoPartOfItIsPrinted() {
    for (Map<String, String> env :
        List.of(Map.<String, String>of(), Map.of("DRYDOCK_PROVIDER_URL", URL))) {
      Cli.Result result =
          Cli.run(
              env,
              "generate",
              "--verbose",
              "--package",
              "com.ex.db",
              "--provider",
              "external",
              "--migrations",
              dir(),
              env.isEmpty() ? "--provider-url=" + URL : "--force");

      assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONNECTION);
      assertThat(result.err()).startsWith(MESSAGE).doesNotContain(FRAGMENTS);
    }
  }

  @Test
  void givenAPasswordInAJdbcUrlsUserInfoWhenRunningThenItIsRefusedWithoutShowingIt() {
    Cli.Result result =
        Cli.run(
            Map.of(),
            "check",
            "--url",
            "jdbc:postgresql://app:" + PASSWORD + "@127.0.0.1:38756/c1",
            "--migrations",
            dir());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONNECTION);
    assertThat(result.err())
        .isEqualTo(
            "drydock: Not a valid PostgreSQL URL: jdbc:postgresql://****@127.0.0.1:38756/c1 (a"
                + " jdbc:postgresql URL takes no user name and password before the host; use"
                + " --user and --password-env, or a postgres:// URL)\n");
  }

  @Test
  void givenAPercentEncodedPasswordWithEverySpecialCharacterThenItIsDecodedLiterally() {
    ConnectionOptions.Parsed parsed =
        ConnectionOptions.parse(
            "postgres://app:p%40ss%3Aw%2Frd%2540%23x%20%3F%26+@db:5432/shop", new Secrets());

    assertThat(parsed.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/shop");
    assertThat(parsed.user()).isEqualTo("app");
    assertThat(parsed.password()).isEqualTo("p@ss:w/rd%40#x ?&+");
  }

  @Test
  void givenPasswordsHoldingTheMaskCharacterThenRedactionNeverSpellsThemAgain() {
    Secrets secrets = new Secrets();
    secrets.add("**");
    secrets.add("a*");

    String redacted = secrets.redact("x**y aa* and ****");

    assertThat(redacted).isEqualTo("x••••y a•••• and ••••");
  }

  private String dir() {
    return migrations.toString();
  }
}
