package dev.drydock.dao.repository;

import static dev.drydock.generated.Tables.POSTS;
import static dev.drydock.generated.Tables.USERS;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.multiset;
import static org.jooq.impl.DSL.selectFrom;

import dev.drydock.dao.error.NotFoundException;
import dev.drydock.generated.tables.records.PostsRecord;
import dev.drydock.generated.tables.records.UsersRecord;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Result;

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
  private static final Field<Result<PostsRecord>> POSTS_OF_USER =
      multiset(selectFrom(POSTS).where(POSTS.AUTHOR_ID.eq(USERS.ID)).orderBy(POSTS.ID)).as("posts");

  private final DSLContext dsl;

  public UserRepository(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  /** The same repository over another context, e.g. a transaction's. */
  public UserRepository using(DSLContext tx) {
    return new UserRepository(tx);
  }

  /** Inserts a user with the fields set on {@code user}; returns the row with its defaults. */
  public UsersRecord create(UsersRecord user) {
    return dsl.insertInto(USERS).set(user).returning().fetchSingle();
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
    return INSERT.insert(dsl, users);
  }

  public Optional<UsersRecord> findById(int id) {
    return dsl.selectFrom(USERS).where(USERS.ID.eq(id)).fetchOptional();
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
    return UPDATE.update(dsl, user);
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

  /** A user with all their posts (ordered by id), in one query ({@code MULTISET}). */
  public Optional<UserWithPosts> findWithPosts(int id) {
    return dsl.select(USERS, POSTS_OF_USER)
        .from(USERS)
        .where(USERS.ID.eq(id))
        .fetchOptional(r -> new UserWithPosts(r.value1(), r.value2()));
  }

  /** A user and their posts. */
  public record UserWithPosts(UsersRecord user, List<PostsRecord> posts) {
    public UserWithPosts {
      posts = List.copyOf(posts);
    }
  }
}
