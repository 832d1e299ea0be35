package dev.drydock.bench.dao;

import java.util.List;

/**
 * The five measured operations, implemented once with hand-written JDBC ({@link JdbcOperations},
 * the baseline) and once with the DAO library's generic repository ({@link RepositoryOperations}).
 * Every method runs one SQL statement and returns what it mapped, so the JIT cannot drop the work.
 */
public interface DaoOperations {

  /** {@code insert into users (name, email) ... returning} the full row. */
  Object insertReturning(String name, String email);

  /** The user with this id (it exists). */
  Object findById(int id);

  /**
   * The optimistic update (one statement with a CTE) of the given user's age, at the version the
   * previous call returned; returns the updated row's {@code lock_version}.
   */
  int optimisticUpdate(int id, int age);

  /**
   * The user with this id and their posts, ordered by post id (the baseline: one {@code LEFT JOIN};
   * the generic repository: one {@code MULTISET}, read by jOOQ).
   */
  Object userWithPosts(int id);

  /** One multi-row {@code insert ... returning} of all {@code rows}; returns the rows read back. */
  List<?> batchInsert(List<NewUser> rows);
}
