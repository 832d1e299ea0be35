package dev.drydock.spring.error;

import dev.drydock.dao.error.ConflictException;
import dev.drydock.dao.error.DatabaseException;
import dev.drydock.dao.error.InvalidInputException;
import dev.drydock.dao.error.NotFoundException;
import dev.drydock.dao.error.StaleVersionException;
import dev.drydock.dao.error.UnavailableException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.dao.support.PersistenceExceptionTranslator;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;

/**
 * The way from Drydock's domain exceptions to Spring's {@link DataAccessException} hierarchy, for
 * code that catches Spring's. The Spring exception always has the Drydock exception as its cause.
 *
 * <ul>
 *   <li>A failure the server reported: the class Spring's own translator picks for the SQLState
 *       (what Boot's jOOQ listener would have thrown), e.g. {@code DuplicateKeyException} for
 *       23505, {@code CannotAcquireLockException} for 40P01.
 *   <li>Otherwise (Drydock's own checks, or SQLStates Spring does not know such as DSQL's {@code
 *       OC000}): DSQL's {@code OC000} to {@link ConcurrencyFailureException}, {@code
 *       StaleVersionException} to {@link OptimisticLockingFailureException}, a retryable {@code
 *       ConflictException} to {@link ConcurrencyFailureException}, {@code ConflictException} and
 *       {@code InvalidInputException} to {@link DataIntegrityViolationException}, {@code
 *       NotFoundException} to {@link DataRetrievalFailureException}, {@code UnavailableException}
 *       to {@link TransientDataAccessResourceException}, {@code CommitOutcomeUnknownException} to
 *       {@link DataAccessResourceFailureException}.
 * </ul>
 *
 * <p>As a bean it is also a {@link PersistenceExceptionTranslator}: Boot's exception translation
 * post-processor applies it to {@code @Repository} classes, whose callers then see Spring's
 * exceptions (Spring's contract for {@code @Repository}). Everywhere else Drydock's exceptions
 * surface unchanged.
 */
public final class DrydockPersistenceExceptionTranslator implements PersistenceExceptionTranslator {

  private final SQLExceptionTranslator spring =
      new SQLErrorCodeSQLExceptionTranslator("PostgreSQL");

  @Override
  public DataAccessException translateExceptionIfPossible(RuntimeException ex) {
    return ex instanceof DatabaseException d ? toSpring(d) : null;
  }

  /** Spring's exception for {@code e}, with {@code e} as its cause. */
  public DataAccessException toSpring(DatabaseException e) {
    if (!(e instanceof StaleVersionException) && e.sqlException().isPresent()) {
      DataAccessException translated = spring.translate("drydock", null, e.sqlException().get());
      if (translated != null && !(translated instanceof UncategorizedSQLException)) {
        DataAccessException same = sameClass(translated, e);
        if (same != null) {
          return same;
        }
      }
    }
    String message = e.getMessage();
    if (e instanceof StaleVersionException) {
      return new OptimisticLockingFailureException(message, e);
    }
    if (e instanceof ConflictException) {
      return e.isRetryable()
          ? new ConcurrencyFailureException(message, e)
          : new DataIntegrityViolationException(message, e);
    }
    if (e instanceof InvalidInputException) {
      return new DataIntegrityViolationException(message, e);
    }
    if (e instanceof NotFoundException) {
      return new DataRetrievalFailureException(message, e);
    }
    if (e.sqlState().filter("OC000"::equals).isPresent()) {
      // Aurora DSQL: a concurrent transaction committed a change to the same rows
      return new ConcurrencyFailureException(message, e);
    }
    if (e instanceof UnavailableException) {
      return new TransientDataAccessResourceException(message, e);
    }
    // CommitOutcomeUnknownException, and any other
    return new DataAccessResourceFailureException(message, e);
  }

  /**
   * An exception of the class Spring picked, with {@code e} as its cause, or {@code null} if that
   * class has no (message, cause) constructor.
   */
  private static DataAccessException sameClass(DataAccessException picked, DatabaseException e) {
    try {
      return picked
          .getClass()
          .getConstructor(String.class, Throwable.class)
          .newInstance(e.getMessage(), e);
    } catch (ReflectiveOperationException | RuntimeException noSuchConstructor) {
      return null;
    }
  }
}
