package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionOptionsTest {

  private static ConnectionOptions.Resolved resolve(
      ConnectionOptions options, Map<String, String> env) {
    return options.resolve(env, new Secrets());
  }

  @Test
  void postgresUrlIsTranslatedAndItsCredentialsExtracted() {
    ConnectionOptions options = new ConnectionOptions();
    options.url = "postgres://app:p%40ss@db.example.com:6543/shop?sslmode=require";

    ConnectionOptions.Resolved r = resolve(options, Map.of());

    assertThat(r.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/shop?sslmode=require");
    assertThat(r.user()).isEqualTo("app");
    assertThat(r.password()).isEqualTo("p@ss");
    assertThat(r.displayUrl())
        .isEqualTo("jdbc:postgresql://db.example.com:6543/shop?sslmode=require");
  }

  @Test
  void postgresUrlWithAnUnderscoreInTheHostKeepsThatHost() {
    ConnectionOptions options = new ConnectionOptions();
    options.url = "postgres://app@shop_db:5433/shop";

    ConnectionOptions.Resolved r = resolve(options, Map.of());

    assertThat(r.jdbcUrl()).isEqualTo("jdbc:postgresql://shop_db:5433/shop");
    assertThat(r.user()).isEqualTo("app");
  }

  @Test
  void pgEnvironmentVariablesAreUsedWhenNoUrlIsGiven() {
    ConnectionOptions.Resolved r =
        resolve(
            new ConnectionOptions(),
            Map.of(
                "PGHOST",
                "h",
                "PGPORT",
                "5433",
                "PGDATABASE",
                "d",
                "PGUSER",
                "u",
                "PGPASSWORD",
                "pw"));

    assertThat(r.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5433/d");
    assertThat(r.user()).isEqualTo("u");
    assertThat(r.password()).isEqualTo("pw");
  }

  @Test
  void explicitOptionsWinOverTheEnvironment() {
    ConnectionOptions options = new ConnectionOptions();
    options.url = "jdbc:postgresql://x/y";
    options.user = "me";
    options.passwordEnv = "MY_PW";

    ConnectionOptions.Resolved r =
        resolve(
            options,
            Map.of(
                "DATABASE_URL",
                "postgres://a@b/c",
                "PGUSER",
                "other",
                "PGPASSWORD",
                "env-pw",
                "MY_PW",
                "mine"));

    assertThat(r.jdbcUrl()).isEqualTo("jdbc:postgresql://x/y");
    assertThat(r.user()).isEqualTo("me");
    assertThat(r.password()).isEqualTo("mine");
  }

  @Test
  void credentialsInJdbcUrlParametersAreHiddenFromTheDisplayUrl() {
    ConnectionOptions options = new ConnectionOptions();
    options.url = "jdbc:postgresql://h/db?user=u&password=Top-S3cret&sslmode=require";

    ConnectionOptions.Resolved r = resolve(options, Map.of());

    assertThat(r.user()).isEqualTo("u");
    assertThat(r.password()).isEqualTo("Top-S3cret");
    assertThat(r.displayUrl()).isEqualTo("jdbc:postgresql://h/db?sslmode=require");
  }
}
