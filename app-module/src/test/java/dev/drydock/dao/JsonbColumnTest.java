package dev.drydock.dao;

import static dev.drydock.dao.testing.DatabaseExceptionAssert.assertThrows;
import static dev.drydock.generated.Tables.POSTS;
import static dev.drydock.generated.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.dao.error.InvalidInputException;
import dev.drydock.dao.testing.PostgresExtension;
import dev.drydock.dao.testing.TestDatabase;
import dev.drydock.generated.Keys;
import dev.drydock.generated.json.PostMetadata;
import dev.drydock.generated.tables.records.PostsRecord;
import dev.drydock.generated.tables.records.UsersRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.JSONB;
import org.jooq.exception.DataTypeException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sample's typed jsonb column: {@code posts.metadata} is a {@link PostMetadata} record in the
 * generated classes (a forced type with Drydock's Jackson converter), on both repository paths: the
 * direct one (JDBC) and jOOQ's (taken when an application listener must see every statement).
 */
@ExtendWith(PostgresExtension.class)
class JsonbColumnTest {

  private final TestDatabase database;
  private final DSLContext dsl;
  private final DrydockDatabase direct;
  private final DrydockDatabase viaJooq;
  private final List<String> seenByListener = new ArrayList<>();
  private int author;

  JsonbColumnTest(TestDatabase database) {
    this.database = database;
    this.dsl = database.dsl();
    this.direct = database.drydock();
    this.viaJooq =
        DrydockDatabase.configure()
            .dataSource(database.dataSource())
            .executeListener(
                new ExecuteListener() {
                  private static final long serialVersionUID = 1L;

                  @Override
                  public void executeStart(ExecuteContext ctx) {
                    seenByListener.add(ctx.sql());
                  }
                })
            .build();
  }

  @BeforeEach
  void oneAuthor() {
    dsl.truncate(USERS).cascade().execute();
    author =
        direct
            .<UsersRecord, Integer>repository(USERS)
            .create(new UsersRecord().setName("Ada").setEmail("ada@example.com"))
            .getId();
  }

  static Stream<Arguments> paths() {
    return Stream.of(Arguments.of("direct"), Arguments.of("jOOQ"));
  }

  private TableRepository<PostsRecord, Integer> posts(String path) {
    return (path.equals("direct") ? direct : viaJooq).repository(POSTS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("paths")
  void givenAPostWithMetadataWhenCreatedFoundAndUpdatedThenTheRecordRoundTrips(String path) {
    TableRepository<PostsRecord, Integer> posts = posts(path);
    // when
    PostsRecord created =
        posts.create(
            new PostsRecord()
                .setAuthorId(author)
                .setTitle("t")
                .setMetadata(new PostMetadata("k1")));
    PostsRecord found = posts.findById(created.getId()).orElseThrow();
    PostMetadata foundMetadata = found.getMetadata();
    PostsRecord updated = posts.update(found.setMetadata(new PostMetadata("k2")));
    PostsRecord cleared =
        posts.update(posts.findById(created.getId()).orElseThrow().setMetadata(null));
    // then
    assertThat(created.getMetadata()).isEqualTo(new PostMetadata("k1"));
    assertThat(foundMetadata).isEqualTo(new PostMetadata("k1"));
    assertThat(updated.getMetadata()).isEqualTo(new PostMetadata("k2"));
    assertThat(updated.getLockVersion()).isEqualTo(1);
    assertThat(cleared.getMetadata()).isNull();
    assertThat(
            dsl.select(DSL.field("{0}::text", String.class, POSTS.METADATA))
                .from(POSTS)
                .where(POSTS.ID.eq(created.getId()))
                .fetchSingle()
                .value1())
        .isNull();
    assertThat(seenByListener.isEmpty()).isEqualTo(path.equals("direct"));
  }

  @Test
  void givenMetadataWrittenByTheRepositoryThenTheStoredDocumentIsTheSeedsShape() {
    // when
    PostsRecord created =
        posts("direct")
            .create(
                new PostsRecord()
                    .setAuthorId(author)
                    .setTitle("t")
                    .setMetadata(new PostMetadata("a \"quoted\" key")));
    // then: what SQL sees is { key: string }
    assertThat(
            dsl.select(DSL.field("{0}::text", String.class, POSTS.METADATA))
                .from(POSTS)
                .where(POSTS.ID.eq(created.getId()))
                .fetchSingle()
                .value1())
        .isEqualTo("{\"key\": \"a \\\"quoted\\\" key\"}");
  }

  @Test
  void givenMetadataThroughFindWithChildrenThenTheNestedRecordsCarryIt() {
    // given
    TableRepository<PostsRecord, Integer> posts = posts("direct");
    PostsRecord post =
        posts.create(
            new PostsRecord().setAuthorId(author).setTitle("t").setMetadata(new PostMetadata("m")));
    // when
    TableRepository.WithChildren<UsersRecord, PostsRecord> withPosts =
        direct
            .<UsersRecord, Integer>repository(USERS)
            .findWithChildren(author, Keys.POSTS__POSTS_AUTHOR_ID_FKEY)
            .orElseThrow();
    // then
    assertThat(withPosts.children()).containsExactly(post);
    assertThat(withPosts.children().get(0).getMetadata()).isEqualTo(new PostMetadata("m"));
  }

  @Test
  void givenInvalidJsonSentThroughJooqThenInvalidInput() {
    // when / then: jOOQ binds the text as jsonb; the server refuses it
    assertThrows(
            InvalidInputException.class,
            () ->
                dsl.insertInto(POSTS)
                    .set(POSTS.AUTHOR_ID, author)
                    .set(POSTS.TITLE, "bad")
                    .set(
                        DSL.field(POSTS.METADATA.getQualifiedName(), SQLDataType.JSONB),
                        JSONB.valueOf("{bad"))
                    .execute())
        .hasSqlState("22P02")
        .isNotRetryable();
    assertThat(dsl.fetchCount(POSTS)).isZero();
  }

  @Test
  void givenInvalidJsonSentThroughPlainSqlThenInvalidInput() {
    assertThrows(
            InvalidInputException.class,
            () ->
                dsl.execute(
                    "insert into posts (author_id, title, metadata) values ({0}, 'bad', {1})",
                    DSL.val(author), DSL.val(JSONB.valueOf("{bad"))))
        .hasSqlState("22P02")
        .isNotRetryable();
    assertThat(dsl.fetchCount(POSTS)).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("paths")
  void givenAStoredObjectWhereTheKeyIsAStringThenFindNamesColumnAndPath(String path) {
    // given: a row written by plain SQL, not through the record
    int id = storedPost("{\"key\": {\"nested\": 1}}");
    // when / then
    assertThatThrownBy(() -> posts(path).findById(id))
        .isInstanceOf(DataTypeException.class)
        .hasMessageStartingWith(
            "posts.metadata: stored jsonb does not map to PostMetadata at $.key: Cannot"
                + " deserialize value of type `java.lang.String` from Object value");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("paths")
  void givenAStoredArrayThenFindNamesColumnAndTheDocumentPath(String path) {
    // given
    int id = storedPost("[1]");
    // when / then
    assertThatThrownBy(() -> posts(path).findById(id))
        .isInstanceOf(DataTypeException.class)
        .hasMessageStartingWith(
            "posts.metadata: stored jsonb does not map to PostMetadata at $: Cannot deserialize"
                + " value of type `dev.drydock.generated.json.PostMetadata` from Array value");
  }

  @Test
  void givenAStoredPropertyTheRecordLacksThenFindFailsRatherThanDroppingIt() {
    // given
    int id = storedPost("{\"key\": \"k\", \"views\": 3}");
    // when / then
    assertThatThrownBy(() -> posts("direct").findById(id))
        .isInstanceOf(DataTypeException.class)
        .hasMessageStartingWith(
            "posts.metadata: stored jsonb does not map to PostMetadata at $.views: Unrecognized"
                + " field \"views\"");
  }

  @Test
  void givenAStoredValueThatDoesNotMapThenFindWithChildrenNamesColumnAndPath() {
    // given
    storedPost("{\"key\": [true]}");
    // when / then: MULTISET, which jOOQ reads as nested JSON
    assertThatThrownBy(
            () ->
                direct
                    .<UsersRecord, Integer>repository(USERS)
                    .findWithChildren(author, Keys.POSTS__POSTS_AUTHOR_ID_FKEY))
        .isInstanceOf(DataTypeException.class)
        .hasMessageStartingWith(
            "posts.metadata: stored jsonb does not map to PostMetadata at $.key: Cannot"
                + " deserialize value of type `java.lang.String` from Array value");
  }

  /** A post whose metadata is {@code json}, inserted by plain SQL; its id. */
  private int storedPost(String json) {
    return dsl.fetchSingle(
            "insert into posts (author_id, title, metadata) values (?, 'stored', ?::jsonb)"
                + " returning id",
            author,
            json)
        .get(0, Integer.class);
  }
}
