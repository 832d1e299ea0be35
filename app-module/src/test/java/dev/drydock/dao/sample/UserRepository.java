package dev.drydock.dao.sample;

import static dev.drydock.generated.Tables.USERS;

import dev.drydock.dao.DrydockDatabase;
import dev.drydock.dao.TableRepository;
import dev.drydock.dao.error.NotFoundException;
import dev.drydock.dao.repository.Page;
import dev.drydock.dao.repository.PageRequest;
import dev.drydock.generated.Keys;
import dev.drydock.generated.tables.records.PostsRecord;
import dev.drydock.generated.tables.records.UsersRecord;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The sample's {@code users}: a thin class over {@link TableRepository} adding the sample's own
 * vocabulary (by email, a user with their posts, filters). Thread-safe.
 */
public final class UserRepository {

  private final TableRepository<UsersRecord, Integer> users;

  public UserRepository(DrydockDatabase db) {
    this(db.<UsersRecord, Integer>repository(USERS));
  }

  public UserRepository(DSLContext dsl) {
    this(TableRepository.<UsersRecord, Integer>of(dsl, USERS));
  }

  private UserRepository(TableRepository<UsersRecord, Integer> users) {
    this.users = users;
  }

  /** The same repository over another context, e.g. a transaction's. */
  public UserRepository using(DSLContext tx) {
    return new UserRepository(users.using(tx));
  }

  /** Inserts a user with the fields set on {@code user}; returns the row with its defaults. */
  public UsersRecord create(UsersRecord user) {
    return users.create(user);
  }

  /** Inserts a user from its required fields. */
  public UsersRecord create(String name, String email) {
    return create(new UsersRecord().setName(name).setEmail(email));
  }

  /** Inserts many users in multi-row INSERTs; returns the rows in the order given. */
  public List<UsersRecord> createAll(List<UsersRecord> batch) {
    return users.createMany(batch);
  }

  public Optional<UsersRecord> findById(int id) {
    return users.findById(id);
  }

  /** By the unique key {@code unique_email}. */
  public Optional<UsersRecord> findByEmail(String email) {
    return users.findBy(USERS.EMAIL, email);
  }

  /** Users matching {@code filter}, ordered by id, one keyset page at a time. */
  public Page<UsersRecord, Integer> list(UserFilter filter, PageRequest<Integer> page) {
    return Cursors.by(users, USERS.ID, filter.condition(), page);
  }

  /**
   * Optimistic update (see {@link TableRepository#update}).
   *
   * @throws NotFoundException if no user has this id
   * @throws dev.drydock.dao.error.StaleVersionException if the user was changed since it was read
   */
  public UsersRecord update(UsersRecord user) {
    return users.update(user);
  }

  /**
   * Deletes a user; the database cascades the delete to the user's posts (and their tags).
   *
   * @throws NotFoundException if no user has this id
   */
  public void delete(int id) {
    users.deleteById(id);
  }

  /** Inserts the user, or if the email is taken, updates that user (one statement). */
  public UsersRecord upsertByEmail(UsersRecord user) {
    return users.upsert(user, Keys.UNIQUE_EMAIL);
  }

  /** A user with all their posts (ordered by id), in one query. */
  public Optional<UserWithPosts> findWithPosts(int id) {
    return users
        .findWithChildren(id, Keys.POSTS__POSTS_AUTHOR_ID_FKEY)
        .map(w -> new UserWithPosts(w.parent(), w.children()));
  }

  /** A user and their posts. */
  public record UserWithPosts(UsersRecord user, List<PostsRecord> posts) {
    public UserWithPosts {
      posts = List.copyOf(posts);
    }
  }
}
