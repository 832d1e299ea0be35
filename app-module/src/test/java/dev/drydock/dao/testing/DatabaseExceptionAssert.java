package dev.drydock.dao.testing;

import dev.drydock.dao.error.DatabaseException;
import java.sql.SQLException;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** AssertJ assertions for {@link DatabaseException}s: category, SQLState and server fields. */
public final class DatabaseExceptionAssert
    extends AbstractThrowableAssert<DatabaseExceptionAssert, DatabaseException> {

  private DatabaseExceptionAssert(DatabaseException actual) {
    super(actual, DatabaseExceptionAssert.class);
  }

  /** Runs {@code call}, asserts it throws a {@code type}, and returns assertions on it. */
  public static DatabaseExceptionAssert assertThrows(
      Class<? extends DatabaseException> type, ThrowingCallable call) {
    Throwable thrown = Assertions.catchThrowable(call);
    Assertions.assertThat(thrown).as("thrown by the call").isExactlyInstanceOf(type);
    return new DatabaseExceptionAssert((DatabaseException) thrown);
  }

  /**
   * The SQLState is {@code state}, and the cause is the driver's original SQLException with the
   * same SQLState.
   */
  public DatabaseExceptionAssert hasSqlState(String state) {
    isNotNull();
    Assertions.assertThat(actual.sqlState()).as("sqlState").contains(state);
    Assertions.assertThat(actual.getCause()).as("cause").isInstanceOf(SQLException.class);
    Assertions.assertThat(((SQLException) actual.getCause()).getSQLState())
        .as("cause's SQLState")
        .isEqualTo(state);
    return this;
  }

  public DatabaseExceptionAssert hasConstraint(String constraint) {
    Assertions.assertThat(actual.constraint()).as("constraint").contains(constraint);
    return this;
  }

  public DatabaseExceptionAssert hasTable(String table) {
    Assertions.assertThat(actual.table()).as("table").contains(table);
    return this;
  }

  public DatabaseExceptionAssert hasColumn(String column) {
    Assertions.assertThat(actual.column()).as("column").contains(column);
    return this;
  }

  public DatabaseExceptionAssert hasDetail(String detail) {
    Assertions.assertThat(actual.detail()).as("detail").contains(detail);
    return this;
  }

  public DatabaseExceptionAssert isRetryable() {
    Assertions.assertThat(actual.isRetryable()).as("isRetryable()").isTrue();
    return this;
  }

  public DatabaseExceptionAssert isNotRetryable() {
    Assertions.assertThat(actual.isRetryable()).as("isRetryable()").isFalse();
    return this;
  }
}
