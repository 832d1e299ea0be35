package dev.drydock.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.dao.DrydockDatabase;
import dev.drydock.dao.tx.TransactionRetry;
import dev.drydock.spring.drift.DriftCheckRunner;
import dev.drydock.spring.testing.TestPostgres;
import dev.drydock.spring.tx.RetryingTransactionTemplate;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the auto-configuration creates, and that it backs off for the application's own beans. */
class AutoConfigurationConditionsTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  DataSourceAutoConfiguration.class,
                  DataSourceTransactionManagerAutoConfiguration.class,
                  JooqAutoConfiguration.class,
                  DrydockErrorTranslationAutoConfiguration.class,
                  DrydockAutoConfiguration.class,
                  DrydockDriftCheckAutoConfiguration.class))
          .withPropertyValues("spring.datasource.url=" + TestPostgres.newDatabaseUrl("conditions"));

  @Test
  void givenTheApplicationsOwnBeans_whenStarted_thenTheStarterBacksOff() {
    runner
        .withUserConfiguration(OwnBeans.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(DrydockDatabase.class)).isSameAs(OwnBeans.DB);
              assertThat(context.getBean(TransactionRetry.class)).isSameAs(OwnBeans.RETRY);
              assertThat(context).hasSingleBean(RetryingTransactionTemplate.class);
            });
  }

  @Test
  void givenRetryProperties_whenStarted_thenTheRetryPolicyUsesThem() {
    runner
        .withPropertyValues("drydock.retry.max-attempts=0")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessage("maxAttempts must be >= 1: 0"));
  }

  @Test
  void givenDriftCheckOff_whenStarted_thenNoCheckIsConfigured() {
    runner.run(context -> assertThat(context).doesNotHaveBean(DriftCheckRunner.class));
  }

  @Test
  void givenDriftCheckWithoutDrydockSchema_whenStarted_thenStartUpFailsNamingTheDependency() {
    runner
        .withClassLoader(new FilteredClassLoader("dev.drydock.diff."))
        .withPropertyValues("drydock.drift-check=fail")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("needs dev.drydock:drydock-schema on the class path"));
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnBeans {
    static final TransactionRetry RETRY = TransactionRetry.configure().maxAttempts(2).build();
    static DrydockDatabase DB;

    @Bean
    DrydockDatabase myDatabase(DataSource dataSource) {
      DB = DrydockDatabase.using(dataSource);
      return DB;
    }

    @Bean
    TransactionRetry myRetry() {
      return RETRY;
    }
  }
}
