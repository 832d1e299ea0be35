package dev.drydock.spring.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.dao.error.DatabaseException;
import dev.drydock.dao.error.ErrorTranslator;
import dev.drydock.dao.error.NotFoundException;
import dev.drydock.dao.error.StaleVersionException;
import dev.drydock.dao.error.StatementKind;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessResourceException;

/** The documented mapping from Drydock's exceptions to Spring's. */
class DrydockPersistenceExceptionTranslatorTest {

  private final DrydockPersistenceExceptionTranslator translator =
      new DrydockPersistenceExceptionTranslator();

  @Test
  void givenAServerErrorSpringKnows_whenTranslated_thenSpringsClassWithDrydocksAsCause() {
    DatabaseException unique = fromServer("23505");
    DataAccessException spring = translator.translateExceptionIfPossible(unique);
    assertThat(spring).isExactlyInstanceOf(DuplicateKeyException.class).hasCause(unique);
    assertThat(spring.getMessage()).isEqualTo(unique.getMessage());

    DatabaseException serialization = fromServer("40001");
    assertThat(translator.translateExceptionIfPossible(serialization))
        .isInstanceOf(PessimisticLockingFailureException.class)
        .hasCause(serialization);
  }

  @Test
  void givenErrorsSpringDoesNotKnow_whenTranslated_thenTheDocumentedFallbacks() {
    DatabaseException dsqlConflict = fromServer("OC000");
    assertThat(translator.translateExceptionIfPossible(dsqlConflict))
        .isExactlyInstanceOf(ConcurrencyFailureException.class)
        .hasCause(dsqlConflict);
    DatabaseException dsqlSchema = fromServer("OC001");
    assertThat(translator.translateExceptionIfPossible(dsqlSchema))
        .isExactlyInstanceOf(TransientDataAccessResourceException.class)
        .hasCause(dsqlSchema);
    StaleVersionException stale = StaleVersionException.of("users", "lock_version", 7, 0, 1);
    assertThat(translator.translateExceptionIfPossible(stale))
        .isExactlyInstanceOf(OptimisticLockingFailureException.class)
        .hasCause(stale);
    NotFoundException missing = NotFoundException.noRow("users", 7);
    assertThat(translator.translateExceptionIfPossible(missing))
        .isExactlyInstanceOf(DataRetrievalFailureException.class)
        .hasCause(missing);
  }

  @Test
  void givenAnExceptionThatIsNotDrydocks_whenTranslated_thenLeftAlone() {
    assertThat(translator.translateExceptionIfPossible(new IllegalStateException("x"))).isNull();
  }

  private static DatabaseException fromServer(String sqlState) {
    DatabaseException e =
        ErrorTranslator.translate(
            new SQLException("failed " + sqlState, sqlState), StatementKind.OTHER);
    assertThat(e).as(sqlState).isNotNull();
    return e;
  }
}
