package dev.drydock.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.drydock.dao.DrydockDatabase;
import dev.drydock.dao.error.StaleVersionException;
import dev.drydock.generated.tables.records.UsersRecord;
import dev.drydock.spring.error.DrydockExceptionTranslatorExecuteListener;
import dev.drydock.spring.error.DrydockPersistenceExceptionTranslator;
import dev.drydock.spring.sample.SampleApplication;
import dev.drydock.spring.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jooq.autoconfigure.ExceptionTranslatorExecuteListener;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code drydock.error-translation=spring}: Boot's translator stays, the only one. */
@SpringBootTest(classes = SampleApplication.class, properties = "drydock.error-translation=spring")
class SpringErrorTranslationTest {

  @DynamicPropertySource
  static void datasource(DynamicPropertyRegistry registry) {
    String url = TestPostgres.newDatabaseUrl("springerrors");
    registry.add("spring.datasource.url", () -> url);
  }

  @Autowired ApplicationContext context;
  @Autowired DrydockDatabase db;

  @Test
  void givenSpringTranslation_whenARepositoryViolatesAUniqueKey_thenSpringsDuplicateKeyException() {
    // given
    db.users().create("Dup", "spring-dup@example.com");
    // when
    DuplicateKeyException e =
        catchThrowableOfType(
            DuplicateKeyException.class, () -> db.users().create("Dup", "spring-dup@example.com"));
    // then
    assertThat(e).hasMessageContaining("unique_email");
    assertThat(context.getBean(ExceptionTranslatorExecuteListener.class))
        .isNotInstanceOf(DrydockExceptionTranslatorExecuteListener.class);
    assertThat(context.getBeansOfType(DrydockPersistenceExceptionTranslator.class)).isEmpty();
  }

  @Test
  void givenSpringTranslation_whenAStaleRowIsUpdated_thenTheRepositorysOwnCheckStillThrowsStale() {
    // given
    UsersRecord ada = db.users().create("Ada", "spring-stale@example.com");
    UsersRecord stale = db.users().findById(ada.getId()).orElseThrow();
    db.users().update(ada.setName("Ada L."));
    // when / then
    assertThat(
            catchThrowableOfType(
                StaleVersionException.class, () -> db.users().update(stale.setName("Ada B."))))
        .isNotNull();
  }
}
