package dev.drydock.dao.sample;

import static dev.drydock.dao.testing.DatabaseExceptionAssert.assertThrows;
import static dev.drydock.generated.Tables.TAGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.drydock.dao.error.ConflictException;
import dev.drydock.dao.error.NotFoundException;
import dev.drydock.dao.repository.Page;
import dev.drydock.dao.repository.PageRequest;
import dev.drydock.dao.testing.PostgresExtension;
import dev.drydock.dao.testing.TestDatabase;
import dev.drydock.generated.tables.records.TagsRecord;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class TagRepositoryTest {

  private final DSLContext dsl;
  private final TagRepository tags;

  TagRepositoryTest(TestDatabase db) {
    this.dsl = db.dsl();
    this.tags = new TagRepository(db.drydock());
  }

  @BeforeEach
  void empty() {
    dsl.truncate(TAGS).cascade().execute();
  }

  @Test
  void createAndFindByIdAndName() {
    // when
    TagsRecord java = tags.create("java");
    // then
    assertThat(java.getId()).isPositive();
    assertThat(tags.findById(java.getId())).contains(java);
    assertThat(tags.findByName("java")).contains(java);
    assertThat(tags.findByName("kotlin")).isEmpty();
    assertThat(tags.findById(java.getId() + 1000)).isEmpty();
  }

  @Test
  void duplicateNameThrowsConflict() {
    tags.create("java");
    assertThrows(ConflictException.class, () -> tags.create("java"))
        .hasSqlState("23505")
        .hasConstraint("tags_name_key");
  }

  @Test
  void listPagesByNameWithPrefixFilter() {
    // given
    tags.createAll(List.of("jvm", "java", "go", "jooq", "js"));
    // when
    Page<TagsRecord, String> first = tags.list("j", PageRequest.first(2));
    Page<TagsRecord, String> second =
        tags.list("j", PageRequest.after(first.nextCursor().orElseThrow(), 2));
    // then
    assertThat(first.items()).extracting(TagsRecord::getName).containsExactly("java", "jooq");
    assertThat(second.items()).extracting(TagsRecord::getName).containsExactly("js", "jvm");
    assertThat(second.hasNext()).isFalse();
    assertThat(tags.list(null, PageRequest.first(10)).items()).hasSize(5);
  }

  @Test
  void renameUpdatesTheRowOrThrowsNotFound() {
    // given
    TagsRecord tag = tags.create("jav");
    // when
    TagsRecord renamed = tags.rename(tag.getId(), "java");
    // then
    assertThat(renamed.getName()).isEqualTo("java");
    assertThat(renamed.getId()).isEqualTo(tag.getId());
    assertThat(catchThrowableOfType(NotFoundException.class, () -> tags.rename(424242, "x")))
        .hasMessage("No row in tags with id 424242");
  }

  @Test
  void upsertReturnsTheExistingTagOrInsertsIt() {
    // given
    TagsRecord java = tags.create("java");
    // when
    TagsRecord again = tags.upsert("java");
    TagsRecord fresh = tags.upsert("sql");
    // then
    assertThat(again).isEqualTo(java);
    assertThat(fresh.getName()).isEqualTo("sql");
    assertThat(dsl.fetchCount(TAGS)).isEqualTo(2);
  }

  @Test
  void deleteRemovesTheTagOrThrowsNotFound() {
    TagsRecord tag = tags.create("java");
    tags.delete(tag.getId());
    assertThat(tags.findById(tag.getId())).isEmpty();
    assertThat(catchThrowableOfType(NotFoundException.class, () -> tags.delete(tag.getId())))
        .isNotNull();
  }

  @Test
  void createAllReturnsRowsInOrder() {
    assertThat(tags.createAll(List.of("b", "a")))
        .extracting(TagsRecord::getName)
        .containsExactly("b", "a");
  }
}
