package dev.drydock.spring;

import static dev.drydock.generated.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.drydock.dao.DrydockDatabase;
import dev.drydock.dao.TableRepository;
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

  private TableRepository<UsersRecord, Integer> users() {
    return db.repository(USERS);
  }

  private static UsersRecord user(String name, String email) {
    return new UsersRecord().setName(name).setEmail(email);
  }

  @Test
  void givenSpringTranslation_whenARepositoryViolatesAUniqueKey_thenSpringsDuplicateKeyException() {
    // given
    users().create(user("Dup", "spring-dup@example.com"));
    // when
    DuplicateKeyException e =
        catchThrowableOfType(
            DuplicateKeyException.class,
            () -> users().create(user("Dup", "spring-dup@example.com")));
    // then
    assertThat(e).hasMessageContaining("unique_email");
    assertThat(context.getBean(ExceptionTranslatorExecuteListener.class))
        .isNotInstanceOf(DrydockExceptionTranslatorExecuteListener.class);
    assertThat(context.getBeansOfType(DrydockPersistenceExceptionTranslator.class)).isEmpty();
  }

  @Test
  void givenSpringTranslation_whenAStaleRowIsUpdated_thenTheRepositorysOwnCheckStillThrowsStale() {
    // given
    UsersRecord ada = users().create(user("Ada", "spring-stale@example.com"));
    UsersRecord stale = users().findById(ada.getId()).orElseThrow();
    users().update(ada.setName("Ada L."));
    // when / then
    assertThat(
            catchThrowableOfType(
                StaleVersionException.class, () -> users().update(stale.setName("Ada B."))))
        .isNotNull();
  }
}
