package dev.drydock.dao;

import static dev.drydock.dao.testing.DatabaseExceptionAssert.assertThrows;
import static dev.drydock.generated.Tables.POSTS;
import static dev.drydock.generated.Tables.TAGS;
import static dev.drydock.generated.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.dao.error.ConflictException;
import dev.drydock.dao.error.NotFoundException;
import dev.drydock.dao.testing.PostgresExtension;
import dev.drydock.dao.testing.TestDatabase;
import dev.drydock.generated.tables.records.PostsRecord;
import dev.drydock.generated.tables.records.TagsRecord;
import dev.drydock.generated.tables.records.UsersRecord;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PSQLException;

/**
 * A foreign key violation ({@code 23503}) is the same exception on every repository path: the
 * direct path (SQL rendered once, run with JDBC) and jOOQ's, versioned tables ({@code users},
 * {@code posts}: the optimistic update) and unversioned ones ({@code tags}), for create,
 * createMany, update, upsert and delete. A referenced row missing is a {@link NotFoundException}; a
 * row still referenced is a {@link ConflictException}, whatever statement changed it.
 */
@ExtendWith(PostgresExtension.class)
class ForeignKeyViolationTest {

  private final TestDatabase database;

  ForeignKeyViolationTest(TestDatabase database) {
    this.database = database;
  }

  @BeforeAll
  static void referencingTables(TestDatabase database) {
    // rows that reference unique keys other than the primary key, without ON UPDATE CASCADE
    database.execute(
        "create table invites (id serial primary key,"
            + " email varchar(255) not null references users (email))",
        "create table tag_aliases (alias text primary key,"
            + " tag_name text not null references tags (name))",
        "alter table users add column referrer_email varchar(255) references users (email)");
  }

  @BeforeEach
  void empty() {
    database.execute("truncate users, tags, invites, tag_aliases cascade");
  }

  /** The repositories of one path: direct (the default) or jOOQ's (direct execution off). */
  private DrydockDatabase db(boolean direct) {
    return direct
        ? database.drydock()
        : DrydockDatabase.configure()
            .dataSource(database.dataSource())
            .directExecution(false)
            .build();
  }

  private static UsersRecord user(DrydockDatabase db, String email) {
    return db.<UsersRecord, Integer>repository(USERS)
        .create(new UsersRecord().setName("U").setEmail(email));
  }

  @ParameterizedTest(name = "direct={0}")
  @ValueSource(booleans = {true, false})
  void updatingAVersionedRowsKeyThatIsStillReferencedIsAConflict(boolean direct) {
    // given: a versioned user whose email an invite references
    DrydockDatabase db = db(direct);
    TableRepository<UsersRecord, Integer> users = db.repository(USERS);
    UsersRecord ada = user(db, "ada@example.com");
    database.execute("insert into invites (email) values ('ada@example.com')");
    // when / then: the optimistic update (one statement with a data-modifying CTE) is refused
    assertThrows(ConflictException.class, () -> users.update(ada.setEmail("ada@new.example")))
        .hasSqlState("23503")
        .hasConstraint("invites_email_fkey")
        .hasTable("invites")
        .hasDetail("Key (email)=(ada@example.com) is still referenced from table \"invites\".")
        .isNotRetryable()
        .hasCauseInstanceOf(PSQLException.class);
    assertThat(users.findById(ada.getId()).orElseThrow().getEmail()).isEqualTo("ada@example.com");
  }

  @ParameterizedTest(name = "direct={0}")
  @ValueSource(booleans = {true, false})
  void updatingAnUnversionedRowsKeyThatIsStillReferencedIsAConflict(boolean direct) {
    // given: an unversioned tag whose name an alias references
    TableRepository<TagsRecord, Integer> tags = db(direct).repository(TAGS);
    TagsRecord java = tags.create(new TagsRecord().setName("java"));
    database.execute("insert into tag_aliases values ('jvm', 'java')");
    // when / then
    assertThrows(ConflictException.class, () -> tags.update(java.setName("kotlin")))
        .hasSqlState("23503")
        .hasConstraint("tag_aliases_tag_name_fkey")
        .hasTable("tag_aliases")
        .hasDetail("Key (name)=(java) is still referenced from table \"tag_aliases\".")
        .hasCauseInstanceOf(PSQLException.class);
  }

  @ParameterizedTest(name = "direct={0}")
  @ValueSource(booleans = {true, false})
  void updatingAKeyThatRowsOfTheSameTableStillReferenceIsAConflict(boolean direct) {
    // given: a user another user names as referrer (a self-referencing foreign key)
    DrydockDatabase db = db(direct);
    TableRepository<UsersRecord, Integer> users = db.repository(USERS);
    UsersRecord ada = user(db, "ada@example.com");
    UsersRecord bob = user(db, "bob@example.com");
    database.execute(
        "update users set referrer_email = 'ada@example.com' where id = " + bob.getId());
    // when / then: the violation names the updated table itself
    assertThrows(ConflictException.class, () -> users.update(ada.setEmail("ada@new.example")))
        .hasSqlState("23503")
        .hasConstraint("users_referrer_email_fkey")
        .hasTable("users")
        .hasDetail("Key (email)=(ada@example.com) is still referenced from table \"users\".");
  }

  @ParameterizedTest(name = "direct={0}")
  @ValueSource(booleans = {true, false})
  void updatingAVersionedRowToPointToAMissingRowIsNotFound(boolean direct) {
    // given
    DrydockDatabase db = db(direct);
    TableRepository<PostsRecord, Integer> posts = db.repository(POSTS);
    UsersRecord ada = user(db, "ada@example.com");
    PostsRecord post = posts.create(new PostsRecord().setTitle("T").setAuthorId(ada.getId()));
    // when / then
    assertThrows(NotFoundException.class, () -> posts.update(post.setAuthorId(999_999)))
        .hasSqlState("23503")
        .hasConstraint("posts_author_id_fkey")
        .hasTable("posts")
        .hasDetail("Key (author_id)=(999999) is not present in table \"users\".")
        .hasCauseInstanceOf(PSQLException.class);
  }

  @ParameterizedTest(name = "direct={0}")
  @ValueSource(booleans = {true, false})
  void creatingOneOrManyRowsPointingToAMissingRowIsNotFound(boolean direct) {
    // given
    DrydockDatabase db = db(direct);
    TableRepository<PostsRecord, Integer> posts = db.repository(POSTS);
    UsersRecord ada = user(db, "ada@example.com");
    // when / then
    assertThrows(
            NotFoundException.class,
            () -> posts.create(new PostsRecord().setTitle("T").setAuthorId(999_998)))
        .hasSqlState("23503")
        .hasConstraint("posts_author_id_fkey")
        .hasTable("posts")
        .hasDetail("Key (author_id)=(999998) is not present in table \"users\".");
    assertThrows(
            NotFoundException.class,
            () ->
                posts.createMany(
                    List.of(
                        new PostsRecord().setTitle("ok").setAuthorId(ada.getId()),
                        new PostsRecord().setTitle("bad").setAuthorId(999_997))))
        .hasSqlState("23503")
        .hasConstraint("posts_author_id_fkey")
        .hasTable("posts")
        .hasDetail("Key (author_id)=(999997) is not present in table \"users\".");
    assertThat(posts.count()).isZero();
  }

  @ParameterizedTest(name = "direct={0}")
  @ValueSource(booleans = {true, false})
  void upsertingARowPointingToAMissingRowIsNotFound(boolean direct) {
    // given
    TableRepository<PostsRecord, Integer> posts = db(direct).repository(POSTS);
    // when / then
    assertThrows(
            NotFoundException.class,
            () -> posts.upsert(new PostsRecord().setId(42).setTitle("T").setAuthorId(999_996)))
        .hasSqlState("23503")
        .hasConstraint("posts_author_id_fkey")
        .hasTable("posts");
  }

  @ParameterizedTest(name = "direct={0}")
  @ValueSource(booleans = {true, false})
  void upsertChangingAKeyThatIsStillReferencedIsAConflict(boolean direct) {
    // given: an existing user whose email an invite references
    DrydockDatabase db = db(direct);
    TableRepository<UsersRecord, Integer> users = db.repository(USERS);
    UsersRecord ada = user(db, "ada@example.com");
    database.execute("insert into invites (email) values ('ada@example.com')");
    // when / then: INSERT ... ON CONFLICT DO UPDATE rewrites the referenced email
    assertThrows(
            ConflictException.class,
            () ->
                users.upsert(
                    new UsersRecord().setId(ada.getId()).setName("A").setEmail("ada@new.example")))
        .hasSqlState("23503")
        .hasConstraint("invites_email_fkey")
        .hasTable("invites")
        .hasDetail("Key (email)=(ada@example.com) is still referenced from table \"invites\".");
  }

  @ParameterizedTest(name = "direct={0}")
  @ValueSource(booleans = {true, false})
  void deletingARowThatIsStillReferencedIsAConflict(boolean direct) {
    // given: a versioned user and an unversioned tag, both referenced
    DrydockDatabase db = db(direct);
    TableRepository<UsersRecord, Integer> users = db.repository(USERS);
    TableRepository<TagsRecord, Integer> tags = db.repository(TAGS);
    UsersRecord ada = user(db, "ada@example.com");
    TagsRecord java = tags.create(new TagsRecord().setName("java"));
    database.execute(
        "insert into invites (email) values ('ada@example.com')",
        "insert into tag_aliases values ('jvm', 'java')");
    // when / then
    assertThrows(ConflictException.class, () -> users.delete(ada))
        .hasSqlState("23503")
        .hasConstraint("invites_email_fkey")
        .hasTable("invites");
    assertThrows(ConflictException.class, () -> tags.deleteById(java.getId()))
        .hasSqlState("23503")
        .hasConstraint("tag_aliases_tag_name_fkey")
        .hasTable("tag_aliases");
  }
}
