package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {

  @ParameterizedTest
  @ValueSource(strings = {"diff", "check", "migrate", "pull"})
  void everyCommandHasHelp(String command) {
    Cli.Result result = Cli.run(Map.of(), command, "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .startsWith("Usage: drydock " + command)
        .contains("--url=URL")
        .contains("--password-env=VAR")
        .contains("--migrations=DIR");
  }

  @Test
  void placeholderHelpShowsTheSyntaxNotAnInterpolatedNull() {
    Cli.Result result = Cli.run(Map.of(), "migrate", "--help");

    assertThat(result.out()).contains("replacing ${KEY} in the").doesNotContain("replacing null");
  }

  @Test
  void topLevelHelpListsCommandsAndExitCodes() {
    Cli.Result result = Cli.run(Map.of(), "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("diff")
        .contains("check")
        .contains("migrate")
        .contains("pull")
        .contains("2   usage or connection error");
  }

  @Test
  void invalidOptionValueIsAUsageErrorWithAHint() {
    Cli.Result result = Cli.run(Map.of(), "diff", "--format", "yaml");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONNECTION);
    assertThat(result.err())
        .isEqualTo(
            "drydock: Invalid value for option '--format': expected one of [text, json, sql]"
                + " (case-sensitive) but was 'yaml'"
                + " (try 'drydock diff --help')\n");
  }

  @Test
  void unknownProviderIsAUsageError() {
    Cli.Result result = Cli.run(Map.of(), "diff", "--provider", "cloud");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONNECTION);
    assertThat(result.err())
        .startsWith("drydock: Invalid value for option '--provider': Unknown provider 'cloud'");
  }

  @Test
  void malformedUrlIsAUsageErrorWithoutThePassword() {
    Cli.Result result = Cli.run(Map.of(), "diff", "--url", "mysql://u:pw-Secret1@h/db");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONNECTION);
    assertThat(result.err())
        .isEqualTo(
            "drydock: Not a PostgreSQL URL: mysql://****@h/db (expected"
                + " jdbc:postgresql://host:port/db or postgres://host:port/db)\n");
  }

  @Test
  void missingPasswordVariableIsAUsageError() {
    Cli.Result result =
        Cli.run(Map.of(), "diff", "--url", "jdbc:postgresql://h/db", "--password-env", "NOPE");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONNECTION);
    assertThat(result.err())
        .isEqualTo("drydock: Environment variable NOPE (named by --password-env) is not set\n");
  }
}
