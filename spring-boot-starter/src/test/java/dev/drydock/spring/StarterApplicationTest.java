package dev.drydock.spring;

import static dev.drydock.generated.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.drydock.dao.DrydockDatabase;
import dev.drydock.dao.TableRepository;
import dev.drydock.dao.error.ConflictException;
import dev.drydock.dao.error.StaleVersionException;
import dev.drydock.dao.error.TranslatingExecuteListener;
import dev.drydock.dao.tx.TransactionRetry;
import dev.drydock.generated.tables.records.UsersRecord;
import dev.drydock.spring.error.DrydockExceptionTranslatorExecuteListener;
import dev.drydock.spring.sample.SampleApplication;
import dev.drydock.spring.sample.UserDirectory;
import dev.drydock.spring.sample.UserService;
import dev.drydock.spring.testing.TestPostgres;
import dev.drydock.spring.tx.RetryingTransactionTemplate;
import java.util.Arrays;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.ExecuteListenerProvider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jooq.autoconfigure.ExceptionTranslatorExecuteListener;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A Boot application with the starter and nothing configured but {@code spring.datasource.url}. */
@SpringBootTest(classes = SampleApplication.class)
class StarterApplicationTest {

  @DynamicPropertySource
  static void datasource(DynamicPropertyRegistry registry) {
    String url = TestPostgres.newDatabaseUrl("starter");
    registry.add("spring.datasource.url", () -> url);
  }

  @Autowired ApplicationContext context;
  @Autowired DrydockDatabase db;
  @Autowired DSLContext bootDsl;
  @Autowired UserService users;
  @Autowired UserDirectory directory;

  private TableRepository<UsersRecord, Integer> repository() {
    return db.repository(USERS);
  }

  @Test
  void givenOnlyADatasourceUrl_whenStarted_thenDrydockRunsOnBootsJooqWithOneTranslator() {
    assertThat(context.getBeansOfType(TransactionRetry.class)).hasSize(1);
    assertThat(context.getBeansOfType(RetryingTransactionTemplate.class)).hasSize(1);
    assertThat(context.getBean(ExceptionTranslatorExecuteListener.class))
        .isInstanceOf(DrydockExceptionTranslatorExecuteListener.class);
    // Boot's DSLContext: Drydock's translator in place of Boot's, once
    assertThat(listeners(bootDsl))
        .singleElement()
        .isInstanceOf(DrydockExceptionTranslatorExecuteListener.class);
    // DrydockDatabase: the translator once, first; Boot's connection and transaction providers
    assertThat(listeners(db.dsl())).containsExactly(TranslatingExecuteListener.INSTANCE);
    assertThat(db.dsl().configuration().connectionProvider())
        .isSameAs(bootDsl.configuration().connectionProvider());
    assertThat(db.dsl().configuration().transactionProvider())
        .isSameAs(bootDsl.configuration().transactionProvider());
  }

  @Test
  void givenATransactionalService_whenRepositoryAndOtherClientsRun_thenTheyShareOneConnection() {
    // when
    List<Object> seen = users.oneConnection("pid@example.com");
    // then: one backend for the repository, Boot's DSLContext and JdbcTemplate; the uncommitted
    // row is visible to the JdbcTemplate
    assertThat(seen.get(0)).isEqualTo(seen.get(1)).isEqualTo(seen.get(2));
    assertThat(seen.get(3)).isEqualTo(1);
  }

  @Test
  void givenATransactionalServiceThatFails_whenItRollsBack_thenTheRepositoryWriteIsGone() {
    // when
    Throwable thrown =
        catchThrowableOfType(
            IllegalStateException.class,
            () -> users.registerThenFail("Gone", "rolled-back@example.com"));
    // then
    assertThat(thrown).hasMessage("failed after creating rolled-back@example.com");
    assertThat(repository().findBy(USERS.EMAIL, "rolled-back@example.com")).isEmpty();
  }

  @Test
  void givenARowChangedSinceRead_whenTheServiceUpdatesIt_thenStaleVersionException() {
    // given: two readers of one row; the first one renames it
    UsersRecord ada = users.register("Ada", "stale@example.com");
    UsersRecord stale = repository().findById(ada.getId()).orElseThrow();
    users.rename(ada, "Ada L.");
    // when
    StaleVersionException e =
        catchThrowableOfType(StaleVersionException.class, () -> users.rename(stale, "Ada B."));
    // then
    assertThat(e.expectedVersion()).isZero();
    assertThat(e.actualVersion()).hasValue(1);
    assertThat(repository().findById(ada.getId()).orElseThrow().getName()).isEqualTo("Ada L.");
  }

  @Test
  void givenBootsDslContext_whenAStatementViolatesAUniqueKey_thenDrydocksConflictException() {
    // given
    users.register("Dup", "dup@example.com");
    // when
    ConflictException e =
        catchThrowableOfType(
            ConflictException.class,
            () ->
                bootDsl
                    .insertInto(USERS, USERS.NAME, USERS.EMAIL)
                    .values("Dup 2", "dup@example.com")
                    .execute());
    // then
    assertThat(e.sqlState()).contains("23505");
    assertThat(e.constraint()).contains("unique_email");
  }

  @Test
  void givenASpringRepositoryBean_whenItViolatesAUniqueKey_thenSpringsExceptionCausedByDrydocks() {
    // given
    directory.add("Rep", "rep@example.com");
    // when
    DuplicateKeyException e =
        catchThrowableOfType(
            DuplicateKeyException.class, () -> directory.add("Rep 2", "rep@example.com"));
    // then
    assertThat(e.getCause()).isInstanceOf(ConflictException.class);
    assertThat(((ConflictException) e.getCause()).sqlState()).contains("23505");
  }

  private static List<Object> listeners(DSLContext dsl) {
    return Arrays.stream(dsl.configuration().executeListenerProviders())
        .map(ExecuteListenerProvider::provide)
        .map(Object.class::cast)
        .toList();
  }
}
