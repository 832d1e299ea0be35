package dev.drydock.dao.repository;

import static dev.drydock.generated.Tables.POSTS;
import static dev.drydock.generated.Tables.USERS;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.excluded;

import dev.drydock.dao.error.NotFoundException;
import dev.drydock.dao.error.StatementKind;
import dev.drydock.generated.tables.records.PostsRecord;
import dev.drydock.generated.tables.records.UsersRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.ResultQuery;

/**
 * Typed access to {@code users}. Every method is one SQL statement; failures are Drydock's domain
 * exceptions ({@code ConflictException} for a taken email, {@code InvalidInputException} for a
 * missing name, ...). Thread-safe.
 */
public final class UserRepository {

  private static final OptimisticUpdate<UsersRecord, Integer> UPDATE =
      new OptimisticUpdate<>(USERS, USERS.ID, USERS.LOCK_VERSION, USERS.UPDATED_AT);
  private static final MultiRowInsert<UsersRecord> INSERT =
      new MultiRowInsert<>(USERS, List.of(USERS.NAME, USERS.EMAIL, USERS.AGE, USERS.IS_ACTIVE));
  private static final InsertReturning<UsersRecord> CREATE = new InsertReturning<>(USERS);
  private static final FindByKey<UsersRecord, Integer> BY_ID = new FindByKey<>(USERS, USERS.ID);
  private static final RecordReader<UsersRecord> USER_READER = RecordReader.of(USERS);
  private static final RecordReader<PostsRecord> POST_READER = RecordReader.of(POSTS);
  private static final RenderedSql.Shape WITH_POSTS = new RenderedSql.Shape("user with posts", 0);

  private final DSLContext dsl;
  private final RenderedSql rendered;

  public UserRepository(DSLContext dsl) {
    this(dsl, new RenderedSql());
  }

  private UserRepository(DSLContext dsl, RenderedSql rendered) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
    this.rendered = rendered;
  }

  /** The same repository over another context, e.g. a transaction's. */
  public UserRepository using(DSLContext tx) {
    return new UserRepository(tx, rendered);
  }

  /** Inserts a user with the fields set on {@code user}; returns the row with its defaults. */
  public UsersRecord create(UsersRecord user) {
    return CREATE.insert(dsl, rendered, user);
  }

  /** Inserts a user from its required fields. */
  public UsersRecord create(String name, String email) {
    return create(new UsersRecord().setName(name).setEmail(email));
  }

  /**
   * Inserts many users in multi-row INSERTs (fields a record did not set take their defaults);
   * returns the rows in the order given.
   */
  public List<UsersRecord> createAll(List<UsersRecord> users) {
    return INSERT.insert(dsl, rendered, users);
  }

  public Optional<UsersRecord> findById(int id) {
    return BY_ID.find(dsl, rendered, id);
  }

  /** By the unique key {@code unique_email}. */
  public Optional<UsersRecord> findByEmail(String email) {
    return dsl.selectFrom(USERS).where(USERS.EMAIL.eq(email)).fetchOptional();
  }

  /** Users matching {@code filter}, ordered by id, one keyset page at a time. */
  public Page<UsersRecord, Integer> list(UserFilter filter, PageRequest<Integer> page) {
    var query = dsl.selectFrom(USERS).where(filter.condition());
    if (page.after() != null) {
      query = query.and(USERS.ID.gt(page.after()));
    }
    List<UsersRecord> rows = query.orderBy(USERS.ID).limit(page.limit() + 1).fetch();
    return Pages.of(rows, page.limit(), UsersRecord::getId);
  }

  /**
   * Optimistic update: writes the fields changed on {@code user} if the row is still at the {@code
   * lock_version} the record holds, increments the version and sets {@code updated_at}, in one
   * statement. Returns the updated row.
   *
   * @throws NotFoundException if no user has this id
   * @throws dev.drydock.dao.error.StaleVersionException if the user was changed since it was read
   *     (retryable: read again, re-apply, update again)
   */
  public UsersRecord update(UsersRecord user) {
    return UPDATE.update(dsl, rendered, user);
  }

  /**
   * Deletes a user; the database cascades the delete to the user's posts (and their tags).
   *
   * @throws NotFoundException if no user has this id
   */
  public void delete(int id) {
    if (dsl.deleteFrom(USERS).where(USERS.ID.eq(id)).execute() == 0) {
      throw NotFoundException.noRow(USERS.getName(), id);
    }
  }

  /**
   * Inserts the user, or if the email is taken, updates that user's name, age and activity
   * (incrementing its version); returns the row either way. One statement ({@code ON CONFLICT ON
   * CONSTRAINT unique_email DO UPDATE}).
   */
  public UsersRecord upsertByEmail(UsersRecord user) {
    return dsl.insertInto(USERS)
        .set(user)
        .onConflictOnConstraint(dev.drydock.generated.Keys.UNIQUE_EMAIL)
        .doUpdate()
        .set(USERS.NAME, excluded(USERS.NAME))
        .set(USERS.AGE, excluded(USERS.AGE))
        .set(USERS.IS_ACTIVE, excluded(USERS.IS_ACTIVE))
        .set(USERS.LOCK_VERSION, USERS.LOCK_VERSION.plus(1))
        .set(USERS.UPDATED_AT, currentOffsetDateTime())
        .returning()
        .fetchSingle();
  }

  /**
   * A user with all their posts (ordered by id), in one query: {@code users LEFT JOIN posts}, one
   * row per post (a user without posts: one row, its post columns NULL).
   */
  public Optional<UserWithPosts> findWithPosts(int id) {
    if (USER_READER == null
        || POST_READER == null
        || !DirectStatement.applies(dsl.configuration())) {
      return withPosts(withPostsQuery(dsl, id).fetch());
    }
    String sql = rendered.get(WITH_POSTS, () -> dsl.render(withPostsQuery(dsl, id)));
    int postColumns = 1 + USER_READER.width();
    return DirectStatement.query(
        dsl,
        sql,
        StatementKind.SELECT,
        ps -> ps.setInt(1, id),
        (rs, configuration) -> {
          if (!rs.next()) {
            return Optional.empty();
          }
          UsersRecord user = USER_READER.read(rs, 1, configuration);
          List<PostsRecord> posts = new ArrayList<>();
          do {
            rs.getObject(postColumns);
            if (!rs.wasNull()) {
              posts.add(POST_READER.read(rs, postColumns, configuration));
            }
          } while (rs.next());
          return Optional.of(new UserWithPosts(user, posts));
        });
  }

  private static ResultQuery<Record> withPostsQuery(DSLContext dsl, int id) {
    return dsl.select(USERS.fields())
        .select(POSTS.fields())
        .from(USERS)
        .leftJoin(POSTS)
        .on(POSTS.AUTHOR_ID.eq(USERS.ID))
        .where(USERS.ID.eq(id))
        .orderBy(POSTS.ID);
  }

  private static Optional<UserWithPosts> withPosts(Result<Record> rows) {
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    List<PostsRecord> posts = new ArrayList<>(rows.size());
    for (Record r : rows) {
      if (r.get(POSTS.ID) != null) {
        posts.add(r.into(POSTS));
      }
    }
    return Optional.of(new UserWithPosts(rows.get(0).into(USERS), posts));
  }

  /** A user and their posts. */
  public record UserWithPosts(UsersRecord user, List<PostsRecord> posts) {
    public UserWithPosts {
      posts = List.copyOf(posts);
    }
  }
}
