package dev.drydock.spring;

import dev.drydock.provider.PostgresVersion;
import dev.drydock.spring.drift.DriftCheck;
import dev.drydock.spring.drift.DriftCheckRunner;
import dev.drydock.spring.drift.DriftHealthIndicator;
import dev.drydock.spring.drift.FlywayBeanSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The start-up drift check ({@code drydock.drift-check=warn|fail}) and its Actuator health
 * indicator. The check needs drydock-schema on the class path; asking for it without is a start-up
 * error naming the missing dependency.
 */
@AutoConfiguration(
    after = DrydockAutoConfiguration.class,
    afterName = "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration")
@ConditionalOnExpression("'${drydock.drift-check:off}'.toLowerCase() != 'off'")
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(DrydockProperties.class)
public class DrydockDriftCheckAutoConfiguration {

  /** The check itself, with drydock-schema on the class path. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "dev.drydock.diff.Drift")
  static class Check {

    @Bean
    @ConditionalOnMissingBean
    DriftCheck drydockDriftCheck(DrydockProperties properties, ObjectProvider<Flyway> flyway) {
      DrydockProperties.Drift drift = properties.drift();
      Flyway bean = flyway.getIfUnique();
      FlywayBeanSettings migrations =
          bean != null
              ? FlywayBeanSettings.of(bean.getConfiguration())
              : new FlywayBeanSettings(
                  List.of("classpath:db/migration"),
                  List.of(),
                  "flyway_schema_history",
                  Map.of(),
                  Map.of());
      if (!drift.locations().isEmpty()) {
        migrations = migrations.withLocations(drift.locations());
      }
      if (drift.historyTable() != null && !drift.historyTable().isBlank()) {
        migrations = migrations.withTable(drift.historyTable());
      }
      Optional<PostgresVersion> version =
          drift.postgresVersion() == null || drift.postgresVersion().isBlank()
              ? Optional.empty()
              : Optional.of(PostgresVersion.parse(drift.postgresVersion()));
      return new DriftCheck(
          drift.schemas(),
          drift.provider(),
          drift.snapshots(),
          version,
          migrations,
          drift.cacheDirectory());
    }

    @Bean
    @ConditionalOnMissingBean
    DriftCheckRunner drydockDriftCheckRunner(
        DriftCheck check, DataSource dataSource, DrydockProperties properties) {
      return new DriftCheckRunner(check, dataSource, properties.driftCheck());
    }

    /** Actuator's health, when present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnEnabledHealthIndicator("drydock")
    static class Health {

      @Bean
      @ConditionalOnMissingBean(name = "drydockHealthIndicator")
      DriftHealthIndicator drydockHealthIndicator(DriftCheckRunner runner) {
        return new DriftHealthIndicator(runner);
      }
    }
  }

  /** Asked for, but drydock-schema is missing. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingClass("dev.drydock.diff.Drift")
  static class MissingEngine {

    MissingEngine() {
      throw new IllegalStateException(
          "drydock.drift-check needs dev.drydock:drydock-schema on the class path (an optional"
              + " dependency of the starter): add it, or set drydock.drift-check=off");
    }
  }
}
