package dev.drydock.draft.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.jdbc.AutoSave;

/**
 * Loads a {@link SchemaFolder} onto an empty database in dependency order without being told it:
 * every statement runs in a savepoint of one transaction (the driver's autosave, sent with the
 * statement); one that fails because something it needs does not exist yet (a relation, type,
 * function, schema, column, or the unique key a foreign key references) is tried again in the next
 * round, until a round loads nothing more. Then the first statement still failing is the error,
 * with its file and line.
 */
public final class DependencyLoader {

  /**
   * "Does not exist yet" SQLStates: undefined table (42P01), object/type (42704), function (42883),
   * schema (3F000), column (42703), and no unique key for a foreign key (42830).
   */
  static final Set<String> LATER = Set.of("42P01", "42704", "42883", "3F000", "42703", "42830");

  /** What a load did. */
  public record Loaded(int statements, int rounds) {}

  private DependencyLoader() {}

  /**
   * Loads {@code folder} through {@code connection} and commits; nothing is committed when it
   * throws.
   *
   * @throws SchemaLoadException naming the file and line of a statement that loads in no order
   */
  public static Loaded load(SchemaFolder folder, Connection connection) throws SQLException {
    List<SchemaFolder.Piece> pending = new ArrayList<>(folder.pieces());
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    // the driver's own savepoint before each statement, sent with it (one round trip, not three),
    // and rolled back to when it fails
    PGConnection pg =
        connection.isWrapperFor(PGConnection.class) ? connection.unwrap(PGConnection.class) : null;
    AutoSave autoSave = pg == null ? null : pg.getAutosave();
    int rounds = 0;
    try (Statement st = connection.createStatement()) {
      // the transaction starts here: the driver sets its savepoints only inside one
      st.execute("SET LOCAL check_function_bodies = false");
      if (pg != null) {
        pg.setAutosave(AutoSave.ALWAYS);
      }
      while (!pending.isEmpty()) {
        rounds++;
        List<SchemaFolder.Piece> failed = new ArrayList<>();
        SQLException firstFailure = null;
        SchemaFolder.Piece firstFailed = null;
        for (SchemaFolder.Piece piece : pending) {
          SQLException e = pg != null ? run(st, piece) : run(connection, st, piece);
          if (e == null) {
            continue;
          }
          if (!LATER.contains(e.getSQLState())) {
            throw failure(piece, e, 0);
          }
          failed.add(piece);
          if (firstFailure == null) {
            firstFailure = e;
            firstFailed = piece;
          }
        }
        if (failed.size() == pending.size()) {
          throw failure(firstFailed, firstFailure, failed.size() - 1);
        }
        pending = failed;
      }
      connection.commit();
      return new Loaded(folder.pieces().size(), rounds);
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      if (pg != null) {
        pg.setAutosave(autoSave);
      }
      connection.setAutoCommit(autoCommit);
    }
  }

  /**
   * Runs one statement, the driver setting a savepoint before it (autosave): null when it loaded,
   * else why not (the driver rolled back to the savepoint).
   */
  private static SQLException run(Statement st, SchemaFolder.Piece piece) {
    try {
      st.execute(piece.sql());
      return null;
    } catch (SQLException e) {
      return e;
    }
  }

  /** Runs one statement in a savepoint: null when it loaded, else why not (rolled back). */
  private static SQLException run(Connection connection, Statement st, SchemaFolder.Piece piece)
      throws SQLException {
    Savepoint savepoint = connection.setSavepoint();
    try {
      st.execute(piece.sql());
      connection.releaseSavepoint(savepoint);
      return null;
    } catch (SQLException e) {
      connection.rollback(savepoint);
      return e;
    }
  }

  private static SchemaLoadException failure(SchemaFolder.Piece piece, SQLException e, int others) {
    String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
    return new SchemaLoadException(
        piece.where()
            + ": "
            + message
            + " (SQLState "
            + e.getSQLState()
            + ")"
            + (others == 0
                ? ""
                : "; " + others + " more statement(s) wait for it or fail the same way"),
        piece.file(),
        piece.line(),
        e);
  }
}
