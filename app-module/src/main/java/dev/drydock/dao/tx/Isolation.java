package dev.drydock.dao.tx;

/** Transaction isolation level of a retried unit of work. */
public enum Isolation {
  /** Whatever the connection's default is (PostgreSQL: READ COMMITTED); no extra statement. */
  DEFAULT(null),
  READ_COMMITTED("set transaction isolation level read committed"),
  REPEATABLE_READ("set transaction isolation level repeatable read"),
  SERIALIZABLE("set transaction isolation level serializable");

  final String sql;

  Isolation(String sql) {
    this.sql = sql;
  }
}
