package dev.drydock.dao.sample;

import static dev.drydock.dao.testing.DatabaseExceptionAssert.assertThrows;
import static dev.drydock.generated.Tables.POSTS;
import static dev.drydock.generated.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.drydock.dao.error.ConflictException;
import dev.drydock.dao.error.InvalidInputException;
import dev.drydock.dao.error.NotFoundException;
import dev.drydock.dao.error.StaleVersionException;
import dev.drydock.dao.repository.Page;
import dev.drydock.dao.repository.PageRequest;
import dev.drydock.dao.repository.TableStatements;
import dev.drydock.dao.testing.PostgresExtension;
import dev.drydock.dao.testing.TestDatabase;
import dev.drydock.generated.enums.Status;
import dev.drydock.generated.json.PostMetadata;
import dev.drydock.generated.tables.records.PostsRecord;
import dev.drydock.generated.tables.records.UsersRecord;
import java.util.List;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class UserRepositoryTest {

  private final DSLContext dsl;
  private final UserRepository users;

  UserRepositoryTest(TestDatabase db) {
    this.dsl = db.dsl();
    this.users = new UserRepository(db.drydock());
  }

  @BeforeEach
  void empty() {
    dsl.truncate(USERS).cascade().execute();
  }

  @Test
  void createReturnsTheFullRowWithDatabaseDefaults() {
    // when
    UsersRecord ada = users.create("Ada", "ada@example.com");
    // then
    assertThat(ada.getId()).isPositive();
    assertThat(ada.getName()).isEqualTo("Ada");
    assertThat(ada.getEmail()).isEqualTo("ada@example.com");
    assertThat(ada.getAge()).isNull();
    assertThat(ada.getIsActive()).isTrue();
    assertThat(ada.getCreatedAt()).isNotNull();
    assertThat(ada.getUpdatedAt()).isNull();
    assertThat(ada.getLockVersion()).isZero();
  }

  @Test
  void createWithTakenEmailThrowsConflictNamingTheConstraint() {
    // given
    users.create("Ada", "ada@example.com");
    // when / then
    assertThrows(ConflictException.class, () -> users.create("Other", "ada@example.com"))
        .hasSqlState("23505")
        .hasConstraint("unique_email")
        .hasTable("users")
        .isNotRetryable();
  }

  @Test
  void createWithoutNameThrowsInvalidInputNamingTheColumn() {
    assertThrows(
            InvalidInputException.class, () -> users.create(new UsersRecord().setEmail("x@y.z")))
        .hasSqlState("23502")
        .hasColumn("name");
  }

  @Test
  void findByIdAndByEmailReturnTheRowOrEmpty() {
    // given
    UsersRecord ada = users.create("Ada", "ada@example.com");
    // when / then
    assertThat(users.findById(ada.getId())).contains(ada);
    assertThat(users.findByEmail("ada@example.com")).contains(ada);
    assertThat(users.findById(ada.getId() + 1000)).isEmpty();
    assertThat(users.findByEmail("nobody@example.com")).isEmpty();
  }

  @Test
  void listPagesThroughFilteredUsersByKeyset() {
    // given: 7 active users named A.., 3 inactive, 2 active named B..
    for (int i = 0; i < 7; i++) {
      users.create(new UsersRecord().setName("A" + i).setEmail("a" + i + "@x").setAge(20 + i));
    }
    for (int i = 0; i < 3; i++) {
      users.create(
          new UsersRecord().setName("A-off" + i).setEmail("off" + i + "@x").setIsActive(false));
    }
    users.create(new UsersRecord().setName("B0").setEmail("b0@x"));
    users.create(new UsersRecord().setName("B1").setEmail("b1@x"));
    UserFilter activeA = UserFilter.all().withActive(true).withNamePrefix("A");
    // when
    Page<UsersRecord, Integer> first = users.list(activeA, PageRequest.first(3));
    Page<UsersRecord, Integer> second =
        users.list(activeA, PageRequest.after(first.nextCursor().orElseThrow(), 3));
    Page<UsersRecord, Integer> last =
        users.list(activeA, PageRequest.after(second.nextCursor().orElseThrow(), 3));
    // then
    assertThat(first.items()).extracting(UsersRecord::getName).containsExactly("A0", "A1", "A2");
    assertThat(second.items()).extracting(UsersRecord::getName).containsExactly("A3", "A4", "A5");
    assertThat(last.items()).extracting(UsersRecord::getName).containsExactly("A6");
    assertThat(last.hasNext()).isFalse();
    assertThat(users.list(UserFilter.all().withMinAge(25), PageRequest.first(10)).items())
        .extracting(UsersRecord::getName)
        .containsExactly("A5", "A6");
  }

  @Test
  void updateWritesChangedFieldsBumpsVersionAndSetsUpdatedAt() {
    // given
    UsersRecord ada = users.create("Ada", "ada@example.com");
    // when
    UsersRecord updated = users.update(ada.setAge(36));
    // then
    assertThat(updated.getAge()).isEqualTo(36);
    assertThat(updated.getName()).isEqualTo("Ada");
    assertThat(updated.getLockVersion()).isEqualTo(1);
    assertThat(updated.getUpdatedAt()).isNotNull().isAfterOrEqualTo(ada.getCreatedAt());
    assertThat(users.findById(ada.getId())).contains(updated);
  }

  @Test
  void staleVersionUpdateThrowsConflictWithExpectedAndActualVersion() {
    // given: two readers of the same row; the first one updates it
    UsersRecord ada = users.create("Ada", "ada@example.com");
    UsersRecord stale = users.findById(ada.getId()).orElseThrow();
    users.update(ada.setAge(1));
    // when
    StaleVersionException e =
        catchThrowableOfType(StaleVersionException.class, () -> users.update(stale.setAge(2)));
    // then
    assertThat(e).isInstanceOf(ConflictException.class);
    assertThat(e.isRetryable()).isTrue();
    assertThat(e.expectedVersion()).isZero();
    assertThat(e.actualVersion()).hasValue(1);
    assertThat(e.id()).isEqualTo(ada.getId());
    assertThat(e.table()).contains("users");
    assertThat(users.findById(ada.getId()).orElseThrow().getAge()).isEqualTo(1);
  }

  @Test
  void updateOfMissingRowThrowsNotFoundNotConflict() {
    // given
    UsersRecord ada = users.create("Ada", "ada@example.com");
    users.delete(ada.getId());
    // when / then
    NotFoundException e =
        catchThrowableOfType(NotFoundException.class, () -> users.update(ada.setAge(3)));
    assertThat(e.isRetryable()).isFalse();
    assertThat(e.table()).contains("users");
    assertThat(e.sqlState()).isEmpty();
  }

  @Test
  void deleteRemovesTheRowAndCascadesToPosts() {
    // given
    UsersRecord ada = users.create("Ada", "ada@example.com");
    UsersRecord bob = users.create("Bob", "bob@example.com");
    dsl.insertInto(POSTS, POSTS.TITLE, POSTS.AUTHOR_ID)
        .values("a1", ada.getId())
        .values("a2", ada.getId())
        .values("b1", bob.getId())
        .execute();
    // when
    users.delete(ada.getId());
    // then
    assertThat(users.findById(ada.getId())).isEmpty();
    assertThat(dsl.fetch(POSTS)).extracting(PostsRecord::getTitle).containsExactly("b1");
  }

  @Test
  void deleteOfMissingRowThrowsNotFound() {
    assertThat(catchThrowableOfType(NotFoundException.class, () -> users.delete(424242)))
        .hasMessage("No row in users with id 424242");
  }

  @Test
  void upsertInsertsNewEmailAndUpdatesExistingOne() {
    // when
    UsersRecord inserted =
        users.upsertByEmail(new UsersRecord().setName("Ada").setEmail("ada@example.com").setAge(1));
    UsersRecord updated =
        users.upsertByEmail(
            new UsersRecord().setName("Ada L.").setEmail("ada@example.com").setAge(2));
    // then
    assertThat(updated.getId()).isEqualTo(inserted.getId());
    assertThat(inserted.getLockVersion()).isZero();
    assertThat(updated.getName()).isEqualTo("Ada L.");
    assertThat(updated.getAge()).isEqualTo(2);
    assertThat(updated.getLockVersion()).isEqualTo(1);
    assertThat(updated.getUpdatedAt()).isNotNull();
    assertThat(dsl.fetchCount(USERS)).isEqualTo(1);
  }

  @Test
  void createAllInsertsEveryRowInOrderWithDefaults() {
    // given: more rows than one statement takes
    List<UsersRecord> batch =
        IntStream.range(0, TableStatements.ROWS_PER_STATEMENT + 5)
            .mapToObj(i -> new UsersRecord().setName("U" + i).setEmail("u" + i + "@x"))
            .toList();
    batch.get(3).setIsActive(false).setAge(9);
    // when
    List<UsersRecord> created = users.createAll(batch);
    // then
    assertThat(created).hasSize(1005);
    assertThat(created)
        .extracting(UsersRecord::getEmail)
        .startsWith("u0@x", "u1@x")
        .endsWith("u1004@x");
    assertThat(created.get(0).getIsActive()).isTrue();
    assertThat(created.get(3).getIsActive()).isFalse();
    assertThat(created.get(3).getAge()).isEqualTo(9);
    assertThat(created).allSatisfy(u -> assertThat(u.getCreatedAt()).isNotNull());
    assertThat(dsl.fetchCount(USERS)).isEqualTo(1005);
  }

  @Test
  void createAllWithDuplicateEmailThrowsConflictAndInsertsNothing() {
    // given
    List<UsersRecord> batch =
        List.of(
            new UsersRecord().setName("A").setEmail("same@x"),
            new UsersRecord().setName("B").setEmail("same@x"));
    // when / then
    assertThrows(ConflictException.class, () -> users.createAll(batch))
        .hasConstraint("unique_email");
    assertThat(dsl.fetchCount(USERS)).isZero();
  }

  @Test
  void findWithPostsReturnsTheUserAndTheirFullPostsInOneQuery() {
    // given: posts with every column type (enum, jsonb, timestamptz) set
    UsersRecord ada = users.create("Ada", "ada@example.com");
    UsersRecord bob = users.create("Bob", "bob@example.com");
    PostRepository posts = new PostRepository(dsl);
    PostsRecord first =
        posts.create(
            new PostsRecord()
                .setAuthorId(ada.getId())
                .setTitle("first")
                .setStatus(Status.active)
                .setMetadata(new PostMetadata("a")));
    posts.create(bob.getId(), "other");
    PostsRecord second = posts.update(posts.create(ada.getId(), "second").setContent("body"));
    // when
    UserRepository.UserWithPosts withPosts = users.findWithPosts(ada.getId()).orElseThrow();
    UserRepository.UserWithPosts lonely =
        users.findWithPosts(users.create("Cy", "cy@example.com").getId()).orElseThrow();
    // then: the nested rows equal the rows read directly
    assertThat(withPosts.user()).isEqualTo(ada);
    assertThat(withPosts.posts()).containsExactly(first, second);
    assertThat(lonely.posts()).isEmpty();
    assertThat(users.findWithPosts(999_999)).isEmpty();
  }
}
