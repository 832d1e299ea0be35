package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A URL that is not PostgreSQL's, given to any command: one line on stderr naming it (password
 * masked) and what is expected, exit 2, no stack trace, and nothing started or connected.
 */
class BadUrlTest {

  private static final String EXPECTED =
      " (expected jdbc:postgresql://host:port/db or postgres://host:port/db)\n";

  @TempDir Path migrations;

  static Stream<Arguments> commandsAndUrls() {
    Map<String, String> urls =
        Map.of(
            "jdbc:mysql://localhost:3306/shop",
                "Not a PostgreSQL URL: jdbc:mysql://localhost:3306/shop",
            "jdbc:h2:mem:x", "Not a PostgreSQL URL: jdbc:h2:mem:x",
            "mysql://app:s3cr3t@db/shop", "Not a PostgreSQL URL: mysql://****@db/shop",
            "localhost:5432/shop", "Not a PostgreSQL URL: localhost:5432/shop",
            "garbage", "Not a PostgreSQL URL: garbage",
            "postgres://", "Not a valid PostgreSQL URL: postgres://",
            "postgres://app:s3cr3t@db:99999/shop",
                "Not a valid PostgreSQL URL: postgres://****@db:99999/shop",
            "jdbc:postgresql://db:port/shop",
                "Not a valid PostgreSQL URL: jdbc:postgresql://db:port/shop");
    return Stream.of("diff", "check", "migrate")
        .flatMap(
            command ->
                urls.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(url -> Arguments.of(command, url.getKey(), url.getValue())));
  }

  @ParameterizedTest(name = "{0} --url {1}")
  @MethodSource("commandsAndUrls")
  void notAPostgresUrlIsOneUsageLine(String command, String url, String message) {
    // when
    Cli.Result result =
        Cli.run(Map.of(), command, "--url", url, "--migrations", migrations.toString());

    // then
    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONNECTION);
    assertThat(result.err()).isEqualTo("drydock: " + message + EXPECTED);
    assertThat(result.out()).isEmpty();
  }

  @Test
  void databaseUrlFromTheEnvironmentIsCheckedTheSameWay() {
    Cli.Result result =
        Cli.run(
            Map.of("DATABASE_URL", "jdbc:sqlserver://db;password=s3cr3t"),
            "check",
            "--migrations",
            migrations.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONNECTION);
    assertThat(result.err())
        .isEqualTo("drydock: Not a PostgreSQL URL: jdbc:sqlserver://db;password=****" + EXPECTED);
  }

  @Test
  void diffWithANonPostgresProviderUrlIsOneUsageLineBeforeAnythingStarts() {
    Cli.Result result =
        Cli.run(
            Map.of(),
            "diff",
            "--url",
            "jdbc:postgresql://127.0.0.1:1/unreachable",
            "--provider",
            "external",
            "--provider-url",
            "jdbc:mysql://localhost:3306/scratch",
            "--migrations",
            migrations.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONNECTION);
    assertThat(result.err())
        .isEqualTo("drydock: Not a PostgreSQL URL: jdbc:mysql://localhost:3306/scratch" + EXPECTED);
  }

  @Test
  void generateWithANonPostgresProviderUrlIsOneUsageLine() {
    Cli.Result result =
        Cli.run(
            Map.of(),
            "generate",
            "--package",
            "com.example.db",
            "--provider",
            "external",
            "--provider-url",
            "postgresql:/db",
            "--migrations",
            migrations.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONNECTION);
    assertThat(result.err()).isEqualTo("drydock: Not a PostgreSQL URL: postgresql:/db" + EXPECTED);
  }

  @Test
  void aServerThatIsNotRunningIsOneConnectionLineWithAHint() {
    Cli.Result result =
        Cli.run(
            Map.of(),
            "migrate",
            "--url",
            "jdbc:postgresql://127.0.0.1:1/shop",
            "--migrations",
            migrations.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONNECTION);
    assertThat(result.err())
        .startsWith("drydock: Cannot connect to jdbc:postgresql://127.0.0.1:1/shop: Connection to")
        .endsWith(" (is the server running and reachable?)\n");
    assertThat(result.err().lines()).hasSize(1);
  }

  @Test
  void aBadDriverOptionIsOneLineWithoutTheReachabilityHint() {
    Cli.Result result =
        Cli.run(
            Map.of(),
            "check",
            "--url",
            "jdbc:postgresql://127.0.0.1:1/shop?sslmode=bogus",
            "--migrations",
            migrations.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONNECTION);
    assertThat(result.err())
        .isEqualTo(
            "drydock: Cannot connect to jdbc:postgresql://127.0.0.1:1/shop?sslmode=bogus:"
                + " Invalid sslmode value: bogus\n");
  }
}
