package dev.drydock.spring;

import dev.drydock.spring.error.DrydockExceptionTranslatorExecuteListener;
import dev.drydock.spring.error.DrydockPersistenceExceptionTranslator;
import org.jooq.DSLContext;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jooq.autoconfigure.ExceptionTranslatorExecuteListener;
import org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * With {@code drydock.error-translation=drydock} (the default): Drydock's translator takes the
 * place of Boot's {@link ExceptionTranslatorExecuteListener}. It runs before Boot's jOOQ
 * auto-configuration, whose translator backs off when this one exists; so Boot's {@code DSLContext}
 * and {@code DrydockDatabase} throw Drydock's domain exceptions, and Spring's are reachable through
 * {@link DrydockPersistenceExceptionTranslator}.
 */
@AutoConfiguration(before = JooqAutoConfiguration.class)
@ConditionalOnClass({DSLContext.class, ExceptionTranslatorExecuteListener.class})
@ConditionalOnProperty(
    name = "drydock.error-translation",
    havingValue = "drydock",
    matchIfMissing = true)
public class DrydockErrorTranslationAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(ExceptionTranslatorExecuteListener.class)
  DrydockExceptionTranslatorExecuteListener drydockExceptionTranslatorExecuteListener() {
    return new DrydockExceptionTranslatorExecuteListener();
  }

  @Bean
  @ConditionalOnMissingBean
  DrydockPersistenceExceptionTranslator drydockPersistenceExceptionTranslator() {
    return new DrydockPersistenceExceptionTranslator();
  }
}
