package dev.drydock.bench.dao;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The baseline: hand-written {@link PreparedStatement} code running the SQL text the repositories
 * emit (captured from jOOQ; {@link SqlCapture} checks at start-up that it still is the same), on
 * the same pool, mapping rows to plain Java records as hand-written code would.
 */
public final class JdbcOperations implements DaoOperations {

  static final String USER_COLUMNS =
      "\"users\".\"id\", \"users\".\"name\", \"users\".\"email\", \"users\".\"age\","
          + " \"users\".\"is_active\", \"users\".\"created_at\", \"users\".\"updated_at\","
          + " \"users\".\"lock_version\"";
  static final String POST_COLUMNS =
      "\"posts\".\"id\", \"posts\".\"title\", \"posts\".\"content\", \"posts\".\"author_id\","
          + " \"posts\".\"created_at\", \"posts\".\"updated_at\", \"posts\".\"status\","
          + " \"posts\".\"metadata\", \"posts\".\"lock_version\"";

  static final String INSERT =
      "insert into \"users\" (\"name\", \"email\") values (?, ?) returning " + USER_COLUMNS;
  static final String FIND =
      "select " + USER_COLUMNS + " from \"users\" where \"users\".\"id\" = ?";
  static final String UPDATE =
      "with \"upd\" as (update \"users\" set \"age\" = ?, \"lock_version\" ="
          + " (\"users\".\"lock_version\" + ?), \"updated_at\" = cast(current_timestamp as"
          + " timestamp with time zone) where (\"users\".\"id\" = ? and \"users\".\"lock_version\""
          + " = ?) returning "
          + USER_COLUMNS
          + ") select \"upd\".\"id\", \"upd\".\"name\", \"upd\".\"email\", \"upd\".\"age\","
          + " \"upd\".\"is_active\", \"upd\".\"created_at\", \"upd\".\"updated_at\","
          + " \"upd\".\"lock_version\", \"cur\".\"lock_version\" from (select"
          + " \"users\".\"lock_version\" from \"users\" where \"users\".\"id\" = ?) as \"cur\""
          + " left outer join \"upd\" on true";
  static final String WITH_POSTS =
      "select "
          + USER_COLUMNS
          + ", "
          + POST_COLUMNS
          + " from \"users\" left outer join \"posts\" on \"posts\".\"author_id\" ="
          + " \"users\".\"id\" where \"users\".\"id\" = ? order by \"posts\".\"id\"";
  static final String BATCH_HEAD =
      "insert into \"users\" (\"name\", \"email\", \"age\", \"is_active\") values ";
  static final String BATCH_ROW = "(?, ?, ?, ?)";

  private final DataSource pool;
  private final Map<Integer, Integer> versions = new HashMap<>();
  private final Map<Integer, String> batchSql = new HashMap<>();

  public JdbcOperations(DataSource pool) {
    this.pool = pool;
  }

  /** A user as hand-written code maps it. */
  public record User(
      int id,
      String name,
      String email,
      Integer age,
      Boolean active,
      OffsetDateTime createdAt,
      OffsetDateTime updatedAt,
      int lockVersion) {}

  /** A post as hand-written code maps it. */
  public record Post(
      int id,
      String title,
      String content,
      int authorId,
      OffsetDateTime createdAt,
      OffsetDateTime updatedAt,
      String status,
      String metadata,
      int lockVersion) {}

  /** A user and their posts. */
  public record UserWithPosts(User user, List<Post> posts) {}

  @Override
  public User insertReturning(String name, String email) {
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement(INSERT)) {
      ps.setString(1, name);
      ps.setString(2, email);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return user(rs, 0);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public User findById(int id) {
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement(FIND)) {
      ps.setInt(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? user(rs, 0) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public int optimisticUpdate(int id, int age) {
    int expected = versions.computeIfAbsent(id, this::currentVersion);
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement(UPDATE)) {
      ps.setInt(1, age);
      ps.setInt(2, 1);
      ps.setInt(3, id);
      ps.setInt(4, expected);
      ps.setInt(5, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("no user " + id);
        }
        rs.getInt(1);
        if (rs.wasNull()) {
          throw new IllegalStateException("stale version " + expected + " of user " + id);
        }
        User updated = user(rs, 0);
        versions.put(id, updated.lockVersion());
        return updated.lockVersion();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private int currentVersion(int id) {
    User u = findById(id);
    return u.lockVersion();
  }

  @Override
  public UserWithPosts userWithPosts(int id) {
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement(WITH_POSTS)) {
      ps.setInt(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        User user = user(rs, 0);
        List<Post> posts = new ArrayList<>();
        do {
          rs.getInt(9);
          if (!rs.wasNull()) {
            posts.add(post(rs, 8));
          }
        } while (rs.next());
        return new UserWithPosts(user, posts);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public List<User> batchInsert(List<NewUser> rows) {
    String sql = batchSql.computeIfAbsent(rows.size(), JdbcOperations::batchInsertSql);
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      for (NewUser u : rows) {
        ps.setString(i++, u.name());
        ps.setString(i++, u.email());
        ps.setInt(i++, u.age());
        ps.setBoolean(i++, u.active());
      }
      List<User> inserted = new ArrayList<>(rows.size());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          inserted.add(user(rs, 0));
        }
      }
      return inserted;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static String batchInsertSql(int rows) {
    StringBuilder sql = new StringBuilder(BATCH_HEAD);
    for (int r = 0; r < rows; r++) {
      sql.append(r == 0 ? "" : ", ").append(BATCH_ROW);
    }
    return sql.append(" returning ").append(USER_COLUMNS).toString();
  }

  private static User user(ResultSet rs, int offset) throws SQLException {
    int age = rs.getInt(offset + 4);
    Integer ageOrNull = rs.wasNull() ? null : age;
    boolean active = rs.getBoolean(offset + 5);
    Boolean activeOrNull = rs.wasNull() ? null : active;
    return new User(
        rs.getInt(offset + 1),
        rs.getString(offset + 2),
        rs.getString(offset + 3),
        ageOrNull,
        activeOrNull,
        rs.getObject(offset + 6, OffsetDateTime.class),
        rs.getObject(offset + 7, OffsetDateTime.class),
        rs.getInt(offset + 8));
  }

  private static Post post(ResultSet rs, int offset) throws SQLException {
    return new Post(
        rs.getInt(offset + 1),
        rs.getString(offset + 2),
        rs.getString(offset + 3),
        rs.getInt(offset + 4),
        rs.getObject(offset + 5, OffsetDateTime.class),
        rs.getObject(offset + 6, OffsetDateTime.class),
        rs.getString(offset + 7),
        rs.getString(offset + 8),
        rs.getInt(offset + 9));
  }
}
