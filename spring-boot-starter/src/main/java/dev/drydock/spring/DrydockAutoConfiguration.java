package dev.drydock.spring;

import dev.drydock.dao.DrydockDatabase;
import dev.drydock.dao.tx.TransactionRetry;
import dev.drydock.spring.DrydockProperties.ErrorTranslation;
import dev.drydock.spring.error.DrydockExceptionTranslatorExecuteListener;
import dev.drydock.spring.tx.RetryableTransactionPostProcessor;
import dev.drydock.spring.tx.RetryingTransactionTemplate;
import java.util.Arrays;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.ExecuteListenerProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@link DrydockDatabase} on Boot's jOOQ configuration (the application's {@code DataSource},
 * Spring-managed transactions), the {@link TransactionRetry} policy of {@code drydock.retry.*}, the
 * {@link RetryingTransactionTemplate} and {@code @RetryableTransaction}. Every bean backs off when
 * the application defines its own.
 */
@AutoConfiguration(after = JooqAutoConfiguration.class)
@ConditionalOnClass({DSLContext.class, DrydockDatabase.class})
@ConditionalOnBean(Configuration.class)
@EnableConfigurationProperties(DrydockProperties.class)
public class DrydockAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  DrydockDatabase drydockDatabase(Configuration jooqConfiguration, DrydockProperties properties) {
    boolean drydockErrors = properties.errorTranslation() == ErrorTranslation.DRYDOCK;
    // DrydockDatabase installs the translator itself, first: drop the one Boot's DSLContext uses
    ExecuteListenerProvider[] others =
        Arrays.stream(jooqConfiguration.executeListenerProviders())
            .filter(p -> !(p.provide() instanceof DrydockExceptionTranslatorExecuteListener))
            .toArray(ExecuteListenerProvider[]::new);
    DrydockDatabase.Builder builder =
        DrydockDatabase.configure()
            .configuration(jooqConfiguration.derive(others))
            .translateErrors(drydockErrors)
            // with Spring's translator every statement goes through jOOQ, so Spring's translates it
            .directExecution(drydockErrors && properties.directExecution());
    if (properties.queryTimeout() != null) {
      builder.queryTimeout(properties.queryTimeout());
    }
    return builder.build();
  }

  @Bean
  @ConditionalOnMissingBean
  TransactionRetry drydockTransactionRetry(DrydockProperties properties) {
    DrydockProperties.Retry retry = properties.retry();
    return TransactionRetry.configure()
        .maxAttempts(retry.maxAttempts())
        .backoff(retry.initialBackoff(), retry.maxBackoff())
        .multiplier(retry.multiplier())
        .isolation(retry.isolation())
        .build();
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(PlatformTransactionManager.class)
  RetryingTransactionTemplate retryingTransactionTemplate(
      PlatformTransactionManager transactionManager, TransactionRetry retry) {
    return new RetryingTransactionTemplate(transactionManager, retry);
  }

  @Bean
  @ConditionalOnMissingBean
  static RetryableTransactionPostProcessor retryableTransactionPostProcessor(
      ObjectProvider<RetryingTransactionTemplate> template) {
    return new RetryableTransactionPostProcessor(template);
  }
}
