package dev.drydock.dao.sample;

import static dev.drydock.dao.testing.DatabaseExceptionAssert.assertThrows;
import static dev.drydock.generated.Tables.POST_TAGS;
import static dev.drydock.generated.Tables.TAGS;
import static dev.drydock.generated.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.drydock.dao.error.ConflictException;
import dev.drydock.dao.error.NotFoundException;
import dev.drydock.dao.repository.Page;
import dev.drydock.dao.repository.PageRequest;
import dev.drydock.dao.testing.PostgresExtension;
import dev.drydock.dao.testing.TestDatabase;
import dev.drydock.generated.tables.records.PostTagsRecord;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class PostTagRepositoryTest {

  private final TestDatabase db;
  private final DSLContext dsl;
  private final PostTagRepository links;
  private int post;
  private int post2;
  private int java;
  private int sql;
  private int go;

  PostTagRepositoryTest(TestDatabase db) {
    this.db = db;
    this.dsl = db.dsl();
    this.links = new PostTagRepository(db.drydock());
  }

  @BeforeEach
  void data() {
    dsl.truncate(USERS).cascade().execute();
    dsl.truncate(TAGS).cascade().execute();
    int ada = new UserRepository(db.drydock()).create("Ada", "ada@example.com").getId();
    post = new PostRepository(db.drydock()).create(ada, "p1").getId();
    post2 = new PostRepository(db.drydock()).create(ada, "p2").getId();
    java = new TagRepository(db.drydock()).create("java").getId();
    sql = new TagRepository(db.drydock()).create("sql").getId();
    go = new TagRepository(db.drydock()).create("go").getId();
  }

  @Test
  void createLinksAndExistsSeesIt() {
    PostTagsRecord link = links.create(post, java);
    assertThat(link.getPostId()).isEqualTo(post);
    assertThat(link.getTagId()).isEqualTo(java);
    assertThat(links.exists(post, java)).isTrue();
    assertThat(links.exists(post, sql)).isFalse();
  }

  @Test
  void duplicateLinkThrowsConflictAndMissingTagThrowsNotFound() {
    links.create(post, java);
    assertThrows(ConflictException.class, () -> links.create(post, java))
        .hasSqlState("23505")
        .hasConstraint("post_tags_pkey");
    assertThrows(NotFoundException.class, () -> links.create(post, 999_999))
        .hasSqlState("23503")
        .hasConstraint("post_tags_tag_id_fkey");
  }

  @Test
  void upsertAddsOnlyMissingLinks() {
    assertThat(links.upsert(post, java)).isTrue();
    assertThat(links.upsert(post, java)).isFalse();
    assertThat(dsl.fetchCount(POST_TAGS)).isEqualTo(1);
  }

  @Test
  void createAllLinksManyTagsSkippingExisting() {
    links.create(post, java);
    assertThat(links.createAll(post, List.of(java, sql, go))).isEqualTo(2);
    assertThat(links.createAll(post, List.of())).isZero();
    assertThat(dsl.fetchCount(POST_TAGS)).isEqualTo(3);
  }

  @Test
  void listPagesByCompositeKeyset() {
    // given
    links.createAll(post, List.of(java, sql, go));
    links.createAll(post2, List.of(java));
    // when
    Page<PostTagsRecord, PostTagsRecord> first = links.list(null, null, PageRequest.first(3));
    Page<PostTagsRecord, PostTagsRecord> second =
        links.list(null, null, PageRequest.after(first.nextCursor().orElseThrow(), 3));
    // then
    assertThat(first.items())
        .extracting(PostTagsRecord::getPostId)
        .containsExactly(post, post, post);
    assertThat(second.items())
        .extracting(PostTagsRecord::getPostId, PostTagsRecord::getTagId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(post2, java));
    assertThat(links.list(null, java, PageRequest.first(10)).items()).hasSize(2);
    assertThat(links.list(post2, null, PageRequest.first(10)).items()).hasSize(1);
  }

  @Test
  void deleteUnlinksOrThrowsNotFound() {
    links.create(post, java);
    links.delete(post, java);
    assertThat(links.exists(post, java)).isFalse();
    assertThat(catchThrowableOfType(NotFoundException.class, () -> links.delete(post, java)))
        .hasMessage("No row in post_tags with id (" + post + ", " + java + ")");
  }
}
