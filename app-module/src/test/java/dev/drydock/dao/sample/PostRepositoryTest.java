package dev.drydock.dao.sample;

import static dev.drydock.dao.testing.DatabaseExceptionAssert.assertThrows;
import static dev.drydock.generated.Tables.POSTS;
import static dev.drydock.generated.Tables.POST_TAGS;
import static dev.drydock.generated.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.drydock.dao.error.NotFoundException;
import dev.drydock.dao.error.StaleVersionException;
import dev.drydock.dao.repository.Page;
import dev.drydock.dao.repository.PageRequest;
import dev.drydock.dao.testing.PostgresExtension;
import dev.drydock.dao.testing.TestDatabase;
import dev.drydock.generated.enums.Status;
import dev.drydock.generated.json.PostMetadata;
import dev.drydock.generated.tables.records.PostsRecord;
import dev.drydock.generated.tables.records.TagsRecord;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class PostRepositoryTest {

  private final DSLContext dsl;
  private final PostRepository posts;
  private final TestDatabase db;
  private int ada;
  private int bob;

  PostRepositoryTest(TestDatabase db) {
    this.db = db;
    this.dsl = db.dsl();
    this.posts = new PostRepository(db.drydock());
  }

  @BeforeEach
  void authors() {
    dsl.truncate(USERS).cascade().execute();
    dsl.truncate(dev.drydock.generated.Tables.TAGS).cascade().execute();
    ada = new UserRepository(db.drydock()).create("Ada", "ada@example.com").getId();
    bob = new UserRepository(db.drydock()).create("Bob", "bob@example.com").getId();
  }

  @Test
  void createReturnsTheFullRowWithDatabaseDefaults() {
    // when
    PostsRecord post = posts.create(ada, "Hello");
    // then
    assertThat(post.getId()).isPositive();
    assertThat(post.getTitle()).isEqualTo("Hello");
    assertThat(post.getAuthorId()).isEqualTo(ada);
    assertThat(post.getStatus()).isEqualTo(Status.pending);
    assertThat(post.getContent()).isNull();
    assertThat(post.getMetadata()).isNull();
    assertThat(post.getCreatedAt()).isNotNull();
    assertThat(post.getLockVersion()).isZero();
  }

  @Test
  void createWithEnumAndJsonbRoundTrips() {
    // when
    PostsRecord post =
        posts.create(
            new PostsRecord()
                .setAuthorId(ada)
                .setTitle("T")
                .setStatus(Status.active)
                .setMetadata(new PostMetadata("views")));
    // then
    PostsRecord read = posts.findById(post.getId()).orElseThrow();
    assertThat(read.getStatus()).isEqualTo(Status.active);
    assertThat(read.getMetadata()).isEqualTo(new PostMetadata("views"));
  }

  @Test
  void createForMissingAuthorThrowsNotFound() {
    assertThrows(NotFoundException.class, () -> posts.create(999_999, "orphan"))
        .hasSqlState("23503")
        .hasConstraint("posts_author_id_fkey")
        .hasTable("posts");
  }

  @Test
  void findByIdReturnsTheRowOrEmpty() {
    PostsRecord post = posts.create(ada, "Hello");
    assertThat(posts.findById(post.getId())).contains(post);
    assertThat(posts.findById(post.getId() + 1000)).isEmpty();
  }

  @Test
  void listFiltersByAuthorAndStatusAndPagesByKeyset() {
    // given
    for (int i = 0; i < 5; i++) {
      posts.create(new PostsRecord().setAuthorId(ada).setTitle("a" + i).setStatus(Status.active));
    }
    posts.create(new PostsRecord().setAuthorId(ada).setTitle("draft"));
    posts.create(new PostsRecord().setAuthorId(bob).setTitle("b").setStatus(Status.active));
    PostFilter filter = PostFilter.all().withAuthor(ada).withStatus(Status.active);
    // when
    Page<PostsRecord, Integer> first = posts.list(filter, PageRequest.first(2));
    Page<PostsRecord, Integer> second =
        posts.list(filter, PageRequest.after(first.nextCursor().orElseThrow(), 2));
    Page<PostsRecord, Integer> third =
        posts.list(filter, PageRequest.after(second.nextCursor().orElseThrow(), 2));
    // then
    assertThat(first.items()).extracting(PostsRecord::getTitle).containsExactly("a0", "a1");
    assertThat(second.items()).extracting(PostsRecord::getTitle).containsExactly("a2", "a3");
    assertThat(third.items()).extracting(PostsRecord::getTitle).containsExactly("a4");
    assertThat(third.nextCursor()).isEmpty();
    assertThat(posts.list(PostFilter.all(), PageRequest.first(100)).items()).hasSize(7);
  }

  @Test
  void updateWritesChangedFieldsAndBumpsVersion() {
    // given
    PostsRecord post = posts.create(ada, "Hello");
    // when
    PostsRecord updated = posts.update(post.setStatus(Status.archived).setContent("body"));
    // then
    assertThat(updated.getStatus()).isEqualTo(Status.archived);
    assertThat(updated.getContent()).isEqualTo("body");
    assertThat(updated.getTitle()).isEqualTo("Hello");
    assertThat(updated.getLockVersion()).isEqualTo(1);
    assertThat(updated.getUpdatedAt()).isNotNull();
  }

  @Test
  void staleVersionUpdateThrowsConflict() {
    // given
    PostsRecord post = posts.create(ada, "Hello");
    PostsRecord stale = posts.findById(post.getId()).orElseThrow();
    posts.update(post.setTitle("first"));
    // when
    StaleVersionException e =
        catchThrowableOfType(
            StaleVersionException.class, () -> posts.update(stale.setTitle("second")));
    // then
    assertThat(e.expectedVersion()).isZero();
    assertThat(e.actualVersion()).hasValue(1);
    assertThat(posts.findById(post.getId()).orElseThrow().getTitle()).isEqualTo("first");
  }

  @Test
  void updateToMissingAuthorThrowsNotFound() {
    // given
    PostsRecord post = posts.create(ada, "Hello");
    // when / then: the foreign key violation of an UPDATE inside the optimistic statement
    assertThrows(NotFoundException.class, () -> posts.update(post.setAuthorId(777_777)))
        .hasSqlState("23503")
        .hasConstraint("posts_author_id_fkey");
  }

  @Test
  void updateOfMissingRowThrowsNotFound() {
    PostsRecord post = posts.create(ada, "Hello");
    posts.delete(post.getId());
    assertThat(
            catchThrowableOfType(NotFoundException.class, () -> posts.update(post.setTitle("x"))))
        .hasMessage("No row in posts with id " + post.getId());
  }

  @Test
  void deleteRemovesThePostAndItsTagLinks() {
    // given
    PostsRecord post = posts.create(ada, "Hello");
    TagsRecord tag = new TagRepository(db.drydock()).create("java");
    new PostTagRepository(db.drydock()).create(post.getId(), tag.getId());
    // when
    posts.delete(post.getId());
    // then
    assertThat(posts.findById(post.getId())).isEmpty();
    assertThat(dsl.fetchCount(POST_TAGS)).isZero();
    assertThat(catchThrowableOfType(NotFoundException.class, () -> posts.delete(post.getId())))
        .isNotNull();
  }

  @Test
  void deleteByAuthorRemovesOnlyThatAuthorsPosts() {
    // given
    posts.create(ada, "a1");
    posts.create(ada, "a2");
    posts.create(bob, "b1");
    // when
    int deleted = posts.deleteByAuthor(ada);
    // then
    assertThat(deleted).isEqualTo(2);
    assertThat(dsl.fetch(POSTS)).extracting(PostsRecord::getTitle).containsExactly("b1");
  }

  @Test
  void upsertInsertsThenOverwritesById() {
    // given
    PostsRecord inserted = posts.upsert(new PostsRecord().setAuthorId(ada).setTitle("v1"));
    // when
    PostsRecord updated =
        posts.upsert(
            new PostsRecord()
                .setId(inserted.getId())
                .setAuthorId(ada)
                .setTitle("v2")
                .setStatus(Status.active));
    // then
    assertThat(updated.getId()).isEqualTo(inserted.getId());
    assertThat(updated.getTitle()).isEqualTo("v2");
    assertThat(updated.getStatus()).isEqualTo(Status.active);
    assertThat(updated.getLockVersion()).isEqualTo(1);
    assertThat(dsl.fetchCount(POSTS)).isEqualTo(1);
  }

  @Test
  void createAllInsertsEveryRowWithDefaultsForUnsetFields() {
    // when
    List<PostsRecord> created =
        posts.createAll(
            List.of(
                new PostsRecord().setAuthorId(ada).setTitle("p1"),
                new PostsRecord().setAuthorId(bob).setTitle("p2").setStatus(Status.archived)));
    // then
    assertThat(created).extracting(PostsRecord::getTitle).containsExactly("p1", "p2");
    assertThat(created)
        .extracting(PostsRecord::getStatus)
        .containsExactly(Status.pending, Status.archived);
    assertThat(dsl.fetchCount(POSTS)).isEqualTo(2);
  }

  @Test
  void findWithTagsReturnsThePostAndItsTagsInOneQuery() {
    // given
    PostsRecord post = posts.create(ada, "Hello");
    PostsRecord other = posts.create(ada, "Other");
    TagsRecord sql = new TagRepository(db.drydock()).create("sql");
    TagsRecord java = new TagRepository(db.drydock()).create("java");
    TagsRecord go = new TagRepository(db.drydock()).create("go");
    new PostTagRepository(db.drydock()).createAll(post.getId(), List.of(sql.getId(), java.getId()));
    new PostTagRepository(db.drydock()).create(other.getId(), go.getId());
    // when
    PostRepository.PostWithTags found = posts.findWithTags(post.getId()).orElseThrow();
    // then
    assertThat(found.post()).isEqualTo(post);
    assertThat(found.tags()).containsExactly(java, sql);
    assertThat(posts.findWithTags(999_999)).isEmpty();
  }
}
