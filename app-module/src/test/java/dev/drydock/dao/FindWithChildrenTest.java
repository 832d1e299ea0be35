package dev.drydock.dao;

import static dev.drydock.generated.Tables.POSTS;
import static dev.drydock.generated.Tables.POST_TAGS;
import static dev.drydock.generated.Tables.TAGS;
import static dev.drydock.generated.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.multiset;
import static org.jooq.impl.DSL.select;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.drydock.dao.TableRepository.WithChildren;
import dev.drydock.dao.error.InvalidInputException;
import dev.drydock.dao.testing.PostgresExtension;
import dev.drydock.dao.testing.TestDatabase;
import dev.drydock.generated.Keys;
import dev.drydock.generated.enums.Status;
import dev.drydock.generated.json.PostMetadata;
import dev.drydock.generated.tables.records.PostTagsRecord;
import dev.drydock.generated.tables.records.PostsRecord;
import dev.drydock.generated.tables.records.TagsRecord;
import dev.drydock.generated.tables.records.UsersRecord;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.TableRecord;
import org.jooq.UpdatableRecord;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code findWithChildren} reads one {@code LEFT JOIN} straight into the generated records; it must
 * return exactly what the {@code MULTISET} read it replaced returned (kept below as the reference):
 * the same parent, the same children in the same order, with the same values (converted jsonb,
 * enums, NULLs, timestamps), unchanged and attached, on the direct path and on jOOQ's.
 */
@ExtendWith(PostgresExtension.class)
class FindWithChildrenTest {

  private static int noPosts;
  private static int tenPosts;
  private static int manyPosts;
  private static int taggedPost;
  private static int untaggedPost;

  private final TestDatabase database;

  FindWithChildrenTest(TestDatabase database) {
    this.database = database;
  }

  @BeforeAll
  static void seed(TestDatabase database) {
    // given: users with 0, 10 and 300 posts of every column state, written out of key order
    DSLContext dsl = database.dsl();
    TableRepository<UsersRecord, Integer> users = database.drydock().repository(USERS);
    noPosts = users.create(new UsersRecord().setName("none").setEmail("none@x")).getId();
    tenPosts =
        users
            .create(
                new UsersRecord().setName("ten").setEmail("ten@x").setAge(null).setIsActive(null))
            .getId();
    manyPosts =
        users.create(new UsersRecord().setName("many").setEmail("many@x").setAge(7)).getId();
    TableRepository<PostsRecord, Integer> posts = database.drydock().repository(POSTS);
    List<PostsRecord> ten = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ten.add(
          new PostsRecord()
              .setTitle("post " + i + " 'quoted' \\ ü")
              .setContent(i % 3 == 0 ? null : "content " + i)
              .setAuthorId(tenPosts)
              .setStatus(Status.values()[i % 3])
              .setMetadata(i % 2 == 0 ? null : new PostMetadata("key " + i))
              .setUpdatedAt(
                  i % 4 == 0
                      ? null
                      : OffsetDateTime.of(2024, 2, 29, 23, 59, 59, 123_456_000, ZoneOffset.UTC)));
    }
    posts.createMany(ten);
    posts.createMany(
        IntStream.range(0, 300)
            .mapToObj(
                i ->
                    new PostsRecord()
                        .setTitle("many " + i)
                        .setAuthorId(manyPosts)
                        .setMetadata(new PostMetadata("m" + i)))
            .toList());
    // rows rewritten after insertion: the heap order is no longer the key order
    dsl.update(POSTS).set(POSTS.CONTENT, "edited").where(POSTS.ID.mod(7).eq(0)).execute();
    taggedPost = posts.findAllBy(Keys.POSTS__POSTS_AUTHOR_ID_FKEY, tenPosts).get(0).getId();
    untaggedPost = posts.findAllBy(Keys.POSTS__POSTS_AUTHOR_ID_FKEY, tenPosts).get(1).getId();
    TableRepository<TagsRecord, Integer> tags = database.drydock().repository(TAGS);
    for (String name : List.of("zeta", "alpha", "mid")) {
      int tag = tags.create(new TagsRecord().setName(name)).getId();
      dsl.insertInto(POST_TAGS, POST_TAGS.POST_ID, POST_TAGS.TAG_ID)
          .values(taggedPost, tag)
          .execute();
    }
  }

  private DrydockDatabase db(boolean direct) {
    return direct
        ? database.drydock()
        : DrydockDatabase.configure()
            .dataSource(database.dataSource())
            .directExecution(false)
            .build();
  }

  @ParameterizedTest(name = "direct={0}")
  @ValueSource(booleans = {true, false})
  void aUsersPostsAreWhatTheMultisetReadReturned(boolean direct) {
    DrydockDatabase db = db(direct);
    TableRepository<UsersRecord, Integer> users = db.repository(USERS);
    for (int id : new int[] {noPosts, tenPosts, manyPosts, 424_242}) {
      // when
      Optional<WithChildren<UsersRecord, PostsRecord>> actual =
          users.findWithChildren(id, Keys.POSTS__POSTS_AUTHOR_ID_FKEY);
      // then
      Optional<WithChildren<UsersRecord, PostsRecord>> expected =
          multisetReference(db.dsl(), USERS, id, Keys.POSTS__POSTS_AUTHOR_ID_FKEY);
      assertSame(actual, expected);
    }
    WithChildren<UsersRecord, PostsRecord> ten =
        users.findWithChildren(tenPosts, Keys.POSTS__POSTS_AUTHOR_ID_FKEY).orElseThrow();
    assertThat(ten.children()).hasSize(10);
    assertThat(ten.children().get(1).getMetadata()).isEqualTo(new PostMetadata("key 1"));
    assertThat(ten.children().get(0).getMetadata()).isNull();
    assertThat(ten.children().get(2).getStatus()).isEqualTo(Status.archived);
    assertThat(ten.parent().getAge()).isNull();
    assertThat(users.findWithChildren(manyPosts, Keys.POSTS__POSTS_AUTHOR_ID_FKEY).orElseThrow())
        .extracting(w -> w.children().size())
        .isEqualTo(300);
    assertThat(users.findWithChildren(noPosts, Keys.POSTS__POSTS_AUTHOR_ID_FKEY).orElseThrow())
        .extracting(WithChildren::children)
        .isEqualTo(List.of());
  }

  @ParameterizedTest(name = "direct={0}")
  @ValueSource(booleans = {true, false})
  void childrenWithACompositeKeyComeInKeyOrderAsBefore(boolean direct) {
    DrydockDatabase db = db(direct);
    TableRepository<PostsRecord, Integer> posts = db.repository(POSTS);
    for (int id : new int[] {taggedPost, untaggedPost}) {
      // when
      Optional<WithChildren<PostsRecord, PostTagsRecord>> actual =
          posts.findWithChildren(id, Keys.POST_TAGS__POST_TAGS_POST_ID_FKEY);
      // then
      assertSame(
          actual, multisetReference(db.dsl(), POSTS, id, Keys.POST_TAGS__POST_TAGS_POST_ID_FKEY));
    }
    assertThat(
            posts
                .findWithChildren(taggedPost, Keys.POST_TAGS__POST_TAGS_POST_ID_FKEY)
                .orElseThrow()
                .children())
        .extracting(PostTagsRecord::getTagId)
        .isSorted()
        .hasSize(3);
  }

  @ParameterizedTest(name = "direct={0}")
  @ValueSource(booleans = {true, false})
  void readRecordsAreUnchangedAndAttachedSoTheyCanBeUpdated(boolean direct) {
    // given
    DrydockDatabase db = db(direct);
    TableRepository<UsersRecord, Integer> users = db.repository(USERS);
    WithChildren<UsersRecord, PostsRecord> read =
        users.findWithChildren(tenPosts, Keys.POSTS__POSTS_AUTHOR_ID_FKEY).orElseThrow();
    assertThat(read.parent().changed()).isFalse();
    assertThat(read.children()).allSatisfy(c -> assertThat(c.changed()).isFalse());
    assertThat(read.parent().configuration()).isNotNull();
    // when
    PostsRecord post = read.children().get(3);
    int version = post.getLockVersion();
    PostsRecord updated = db.<PostsRecord, Integer>repository(POSTS).update(post.setTitle("again"));
    // then: only the title was written, at the version read
    assertThat(updated.getLockVersion()).isEqualTo(version + 1);
    assertThat(updated.getTitle()).isEqualTo("again");
    assertThat(updated.getMetadata()).isEqualTo(post.getMetadata());
  }

  @ParameterizedTest(name = "direct={0}")
  @ValueSource(booleans = {true, false})
  void
      givenAReadTheServerRejectsWhenFindWithChildrenThenTheDomainExceptionKeepsSqlStateAndConstraint(
          boolean direct) {
    // given: sessions that find "posts" in schema trap first, a view whose author_id raises a check
    // violation naming a constraint
    database.execute(
        "create schema if not exists trap",
        """
        create or replace function trap.visible_author(author integer) returns integer
        language plpgsql as $$ begin
          raise exception 'posts of user % are not visible', author
            using errcode = '23514', constraint = 'posts_author_visible';
        end $$
        """,
        """
        create or replace view trap.posts as
          select id, title, content, trap.visible_author(author_id) as author_id, created_at,
                 updated_at, status, metadata, lock_version
          from public.posts
        """);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(database.jdbcUrl());
    config.setDataSourceProperties(database.credentials());
    config.setMaximumPoolSize(1);
    config.setConnectionInitSql("set search_path = trap, public");
    try (HikariDataSource pool = new HikariDataSource(config)) {
      TableRepository<UsersRecord, Integer> users =
          DrydockDatabase.configure()
              .dataSource(pool)
              .directExecution(direct)
              .build()
              .repository(USERS);
      // when / then
      assertThatThrownBy(() -> users.findWithChildren(tenPosts, Keys.POSTS__POSTS_AUTHOR_ID_FKEY))
          .isInstanceOfSatisfying(
              InvalidInputException.class,
              e -> {
                assertThat(e.sqlState()).contains("23514");
                assertThat(e.constraint()).contains("posts_author_visible");
                assertThat(e.isRetryable()).isFalse();
                assertThat(e.getMessage()).startsWith("[23514] posts of user ");
              });
    }
  }

  private static <P extends TableRecord<P>, C extends TableRecord<C>> void assertSame(
      Optional<WithChildren<P, C>> actual, Optional<WithChildren<P, C>> expected) {
    assertThat(actual.isPresent()).isEqualTo(expected.isPresent());
    if (expected.isEmpty()) {
      return;
    }
    WithChildren<P, C> a = actual.orElseThrow();
    WithChildren<P, C> e = expected.orElseThrow();
    assertThat(a.parent().intoList()).isEqualTo(e.parent().intoList());
    assertThat(a.parent().getClass()).isEqualTo(e.parent().getClass());
    assertThat(a.children().stream().map(Record::intoList).toList())
        .isEqualTo(e.children().stream().map(Record::intoList).toList());
    assertThat(a.children()).isEqualTo(e.children());
    for (int i = 0; i < e.children().size(); i++) {
      assertThat(a.children().get(i).getClass()).isEqualTo(e.children().get(i).getClass());
      assertThat(a.children().get(i).changed()).isEqualTo(e.children().get(i).changed());
      for (int f = 0; f < e.children().get(i).size(); f++) {
        Object ev = e.children().get(i).get(f);
        Object av = a.children().get(i).get(f);
        assertThat(av == null ? null : av.getClass()).isEqualTo(ev == null ? null : ev.getClass());
      }
    }
  }

  /** The MULTISET read {@code findWithChildren} did before the join: the reference. */
  private static <P extends UpdatableRecord<P>, C extends TableRecord<C>>
      Optional<WithChildren<P, C>> multisetReference(
          DSLContext dsl, Table<P> table, int id, ForeignKey<C, P> foreignKey) {
    Table<C> child = foreignKey.getTable();
    TableField<C, ?>[] childColumns = foreignKey.getFieldsArray();
    TableField<P, ?>[] parentColumns = foreignKey.getKeyFieldsArray();
    Condition join = DSL.noCondition();
    for (int i = 0; i < childColumns.length; i++) {
      @SuppressWarnings("unchecked")
      Field<Object> c = (Field<Object>) childColumns[i];
      @SuppressWarnings("unchecked")
      Field<Object> p = (Field<Object>) parentColumns[i];
      join = join.and(c.eq(p));
    }
    List<Field<?>> childOrder = List.copyOf(child.getPrimaryKey().getFields());
    Field<List<C>> children =
        multiset(select(child.fields()).from(child).where(join).orderBy(childOrder))
            .as(child.getName())
            .convertFrom(r -> r.into(child));
    @SuppressWarnings("unchecked")
    Field<Integer> key = (Field<Integer>) table.getPrimaryKey().getFields().get(0);
    return dsl.select(table, children)
        .from(table)
        .where(key.eq(id))
        .fetchOptional(r -> new WithChildren<>(r.value1(), r.value2()));
  }
}
