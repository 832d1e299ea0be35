package dev.drydock.dao;

import static dev.drydock.dao.testing.DatabaseExceptionAssert.assertThrows;
import static dev.drydock.generated.Tables.ACCOUNTS;
import static dev.drydock.generated.Tables.POSTS;
import static dev.drydock.generated.Tables.POST_TAGS;
import static dev.drydock.generated.Tables.TAGS;
import static dev.drydock.generated.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.drydock.dao.error.ConflictException;
import dev.drydock.dao.error.InvalidInputException;
import dev.drydock.dao.error.NotFoundException;
import dev.drydock.dao.error.StaleVersionException;
import dev.drydock.dao.repository.Page;
import dev.drydock.dao.repository.PageRequest;
import dev.drydock.dao.testing.PostgresExtension;
import dev.drydock.dao.testing.TestDatabase;
import dev.drydock.generated.Keys;
import dev.drydock.generated.enums.Status;
import dev.drydock.generated.json.PostMetadata;
import dev.drydock.generated.tables.records.AccountsRecord;
import dev.drydock.generated.tables.records.PostTagsRecord;
import dev.drydock.generated.tables.records.PostsRecord;
import dev.drydock.generated.tables.records.TagsRecord;
import dev.drydock.generated.tables.records.UsersRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Record2;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.UniqueKey;
import org.jooq.impl.DSL;
import org.jooq.impl.TableImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link TableRepository} on every table of the sample schema (serial, uuid and composite keys,
 * versioned and unversioned tables, an enum, jsonb), using only its public API.
 */
@ExtendWith(PostgresExtension.class)
class TableRepositoryTest {

  private final DSLContext dsl;
  private final DrydockDatabase db;
  private final TestDatabase database;
  private final TableRepository<UsersRecord, Integer> users;
  private final TableRepository<PostsRecord, Integer> posts;
  private final TableRepository<TagsRecord, Integer> tags;
  private final TableRepository<PostTagsRecord, Record2<Integer, Integer>> links;
  private final TableRepository<AccountsRecord, UUID> accounts;

  TableRepositoryTest(TestDatabase database) {
    this.database = database;
    this.db = database.drydock();
    this.dsl = db.dsl();
    this.users = db.repository(USERS);
    this.posts = db.repository(POSTS);
    this.tags = db.repository(TAGS);
    this.links = db.repository(POST_TAGS);
    this.accounts = db.repository(ACCOUNTS);
  }

  @BeforeEach
  void empty() {
    dsl.truncate(USERS, TAGS).cascade().execute();
  }

  private UsersRecord user(String name) {
    return users.create(new UsersRecord().setName(name).setEmail(name + "@example.com"));
  }

  @Test
  void repositoryIsKeptPerTable() {
    assertThat(db.<UsersRecord, Integer>repository(USERS)).isSameAs(users);
  }

  @Test
  void createAndFindByIdWorkForSerialUuidAndCompositeKeys() {
    // given
    UsersRecord ada = user("ada");
    AccountsRecord account =
        accounts.create(new AccountsRecord().setOwnerId(ada.getId()).setBalance(5L));
    PostsRecord post =
        posts.create(
            new PostsRecord()
                .setAuthorId(ada.getId())
                .setTitle("t")
                .setStatus(Status.active)
                .setMetadata(new PostMetadata("a1")));
    TagsRecord tag = tags.create(new TagsRecord().setName("java"));
    PostTagsRecord link =
        links.create(new PostTagsRecord().setPostId(post.getId()).setTagId(tag.getId()));
    // then: the full rows, with database defaults
    assertThat(account.getId()).isNotNull();
    assertThat(account.getLockVersion()).isZero();
    assertThat(post.getCreatedAt()).isNotNull();
    assertThat(users.findById(ada.getId())).contains(ada);
    assertThat(accounts.findById(account.getId())).contains(account);
    PostsRecord read = posts.findById(post.getId()).orElseThrow();
    assertThat(read.getStatus()).isEqualTo(Status.active);
    assertThat(read.getMetadata()).isEqualTo(new PostMetadata("a1"));
    Record2<Integer, Integer> key =
        dsl.newRecord(POST_TAGS.POST_ID, POST_TAGS.TAG_ID).values(post.getId(), tag.getId());
    assertThat(links.findById(key)).contains(link);
    assertThat(links.exists(key)).isTrue();
    assertThat(accounts.findById(UUID.randomUUID())).isEmpty();
  }

  @Test
  void findByAnyUniqueKey() {
    UsersRecord ada = user("ada");
    assertThat(users.findBy(USERS.EMAIL, "ada@example.com")).contains(ada);
    assertThat(users.findBy(Keys.UNIQUE_EMAIL, "ada@example.com")).contains(ada);
    assertThat(users.findBy(USERS.ID, ada.getId())).contains(ada);
    assertThat(users.findBy(USERS.EMAIL, "nobody@example.com")).isEmpty();
    assertThatThrownBy(() -> users.findBy(USERS.NAME, "ada"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("findBy of users: column name is no unique key");
  }

  @Test
  void createManyInsertsInOrderAndTakesDefaultsForColumnsARecordDidNotSet() {
    // given: 1,003 rows, one of which sets a column the others do not
    List<UsersRecord> batch = new ArrayList<>();
    IntStream.range(0, 1003)
        .forEach(i -> batch.add(new UsersRecord().setName("u" + i).setEmail("u" + i + "@x")));
    batch.get(7).setAge(41);
    // when
    List<UsersRecord> created = users.createMany(batch);
    // then
    assertThat(created).hasSize(1003);
    assertThat(created.get(0).getName()).isEqualTo("u0");
    assertThat(created.get(1002).getName()).isEqualTo("u1002");
    assertThat(created.get(7).getAge()).isEqualTo(41);
    assertThat(created.get(8).getAge()).isNull();
    assertThat(created.get(8).getIsActive()).isTrue();
    assertThat(users.count()).isEqualTo(1003);
    assertThat(users.createMany(List.of())).isEmpty();
  }

  @Test
  void versionedUpdateTellsStaleFromNotFoundAndTouchesTheTimestamp() {
    // given
    UsersRecord ada = user("ada");
    // when
    UsersRecord updated = users.update(users.findById(ada.getId()).orElseThrow().setAge(36));
    // then
    assertThat(updated.getLockVersion()).isEqualTo(1);
    assertThat(updated.getUpdatedAt()).isNotNull();
    StaleVersionException stale =
        catchThrowableOfType(StaleVersionException.class, () -> users.update(ada.setAge(37)));
    assertThat(stale.expectedVersion()).isZero();
    assertThat(stale.actualVersion()).hasValue(1);
    assertThat(stale.column()).contains("lock_version");
    users.deleteById(ada.getId());
    assertThat(catchThrowableOfType(NotFoundException.class, () -> users.update(updated)))
        .hasMessage("No row in users with id " + ada.getId());
  }

  @Test
  void unversionedUpdateIsPlainAndNotFoundWhenTheRowIsGone() {
    TagsRecord tag = tags.create(new TagsRecord().setName("jav"));
    TagsRecord renamed = tags.update(tag.setName("java"));
    assertThat(renamed.getName()).isEqualTo("java");
    assertThat(tags.findById(tag.getId()).orElseThrow().getName()).isEqualTo("java");
    assertThatThrownBy(() -> tags.update(new TagsRecord().setId(424242).setName("x")))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("No row in tags with id 424242");
  }

  @Test
  void deleteOfARecordChecksItsVersion() {
    // given
    UsersRecord ada = user("ada");
    UsersRecord newer = users.update(users.findById(ada.getId()).orElseThrow().setAge(1));
    // when / then: the record read at version 0 is stale
    StaleVersionException stale =
        catchThrowableOfType(StaleVersionException.class, () -> users.delete(ada));
    assertThat(stale.actualVersion()).hasValue(1);
    assertThat(users.exists(ada.getId())).isTrue();
    users.delete(newer);
    assertThat(users.exists(ada.getId())).isFalse();
    assertThatThrownBy(() -> users.delete(newer)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> users.deleteById(ada.getId())).isInstanceOf(NotFoundException.class);
  }

  @Test
  void compositeKeyDeleteById() {
    UsersRecord ada = user("ada");
    PostsRecord post = posts.create(new PostsRecord().setAuthorId(ada.getId()).setTitle("t"));
    TagsRecord tag = tags.create(new TagsRecord().setName("go"));
    links.create(new PostTagsRecord().setPostId(post.getId()).setTagId(tag.getId()));
    Record2<Integer, Integer> key =
        dsl.newRecord(POST_TAGS.POST_ID, POST_TAGS.TAG_ID).values(post.getId(), tag.getId());
    links.deleteById(key);
    assertThat(links.exists(key)).isFalse();
    assertThatThrownBy(() -> links.deleteById(key))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("No row in post_tags with id (" + post.getId() + ", " + tag.getId() + ")");
  }

  @Test
  void sqlStatesAreTranslatedWithTheStatementKind() {
    UsersRecord ada = user("ada");
    assertThrows(ConflictException.class, () -> user("ada"))
        .hasSqlState("23505")
        .hasConstraint("unique_email");
    assertThrows(
            NotFoundException.class,
            () -> posts.create(new PostsRecord().setAuthorId(424242).setTitle("orphan")))
        .hasSqlState("23503");
    assertThrows(
            InvalidInputException.class,
            () -> accounts.create(new AccountsRecord().setOwnerId(ada.getId()).setBalance(-1L)))
        .hasSqlState("23514")
        .hasConstraint("accounts_balance_non_negative");
  }

  @Test
  void keysetPagesWithAConditionAndASort() {
    // given: 7 users, ages 0..6, names in reverse order
    for (int i = 0; i < 7; i++) {
      users.create(new UsersRecord().setName("n" + (9 - i)).setEmail(i + "@x").setAge(i % 3));
    }
    // when: age >= 1, by age descending, then name; 2 per page
    List<String> seen = new ArrayList<>();
    PageRequest<Record> request = PageRequest.first(2);
    int pages = 0;
    while (true) {
      Page<UsersRecord, Record> page =
          users.page(USERS.AGE.ge(1), request, USERS.AGE.desc(), USERS.NAME.asc());
      page.items().forEach(u -> seen.add(u.getAge() + u.getName()));
      pages++;
      if (!page.hasNext()) {
        break;
      }
      request = PageRequest.after(page.nextCursor().orElseThrow(), 2);
    }
    // then
    assertThat(seen).containsExactly("2n4", "2n7", "1n5", "1n8");
    assertThat(pages).isEqualTo(2);
    assertThat(users.count(USERS.AGE.ge(1))).isEqualTo(4);
    assertThat(users.page(DSL.noCondition(), PageRequest.first(100)).items()).hasSize(7);
  }

  @Test
  void childrenByAForeignKeyAndAParentWithItsChildrenInOneQuery() {
    UsersRecord ada = user("ada");
    UsersRecord bob = user("bob");
    PostsRecord p1 = posts.create(new PostsRecord().setAuthorId(ada.getId()).setTitle("1"));
    PostsRecord p2 = posts.create(new PostsRecord().setAuthorId(ada.getId()).setTitle("2"));
    posts.create(new PostsRecord().setAuthorId(bob.getId()).setTitle("3"));

    assertThat(posts.findAllBy(Keys.POSTS__POSTS_AUTHOR_ID_FKEY, ada.getId()))
        .containsExactly(p1, p2);
    TableRepository.WithChildren<UsersRecord, PostsRecord> withPosts =
        users.findWithChildren(ada.getId(), Keys.POSTS__POSTS_AUTHOR_ID_FKEY).orElseThrow();
    assertThat(withPosts.parent()).isEqualTo(ada);
    assertThat(withPosts.children()).containsExactly(p1, p2);
    UsersRecord cy = user("cy");
    assertThat(
            users
                .findWithChildren(cy.getId(), Keys.POSTS__POSTS_AUTHOR_ID_FKEY)
                .orElseThrow()
                .children())
        .isEmpty();
    assertThat(users.findWithChildren(424242, Keys.POSTS__POSTS_AUTHOR_ID_FKEY)).isEmpty();
  }

  @Test
  void upsertOnAUniqueKeyInsertsThenUpdatesAndBumpsTheVersion() {
    UsersRecord inserted =
        users.upsert(
            new UsersRecord().setName("Ada").setEmail("ada@example.com").setAge(1),
            Keys.UNIQUE_EMAIL);
    UsersRecord updated =
        users.upsert(
            new UsersRecord().setName("Ada L.").setEmail("ada@example.com").setAge(2),
            Keys.UNIQUE_EMAIL);
    assertThat(updated.getId()).isEqualTo(inserted.getId());
    assertThat(updated.getName()).isEqualTo("Ada L.");
    assertThat(updated.getLockVersion()).isEqualTo(1);
    assertThat(updated.getUpdatedAt()).isNotNull();
    TagsRecord tag = tags.upsert(new TagsRecord().setName("x"), Keys.TAGS_NAME_KEY);
    assertThat(tags.upsert(new TagsRecord().setName("x"), Keys.TAGS_NAME_KEY).getId())
        .isEqualTo(tag.getId());
    assertThat(users.count()).isEqualTo(1);
  }

  @Test
  void usingATransactionRunsOnItsConnection() {
    assertThatThrownBy(
            () ->
                dsl.transaction(
                    cfg -> {
                      users
                          .using(cfg.dsl())
                          .create(new UsersRecord().setName("tx").setEmail("tx@x"));
                      assertThat(users.using(cfg.dsl()).findBy(USERS.EMAIL, "tx@x")).isPresent();
                      throw new IllegalStateException("roll back");
                    }))
        .hasMessageContaining("roll back");
    assertThat(users.findBy(USERS.EMAIL, "tx@x")).isEmpty();
  }

  @Test
  void directAndJooqPathsWriteAndReadTheSameRowsForUuidAndCompositeKeys() {
    // given: the default database (direct path) and one through jOOQ's execute lifecycle
    DrydockDatabase viaJooq =
        DrydockDatabase.configure()
            .dataSource(database.dataSource())
            .directExecution(false)
            .build();
    TableRepository<AccountsRecord, UUID> jooqAccounts = viaJooq.repository(ACCOUNTS);
    TableRepository<PostTagsRecord, Record2<Integer, Integer>> jooqLinks =
        viaJooq.repository(POST_TAGS);
    UsersRecord ada = user("ada");
    PostsRecord post = posts.create(new PostsRecord().setAuthorId(ada.getId()).setTitle("t"));
    List<TagsRecord> two =
        tags.createMany(List.of(new TagsRecord().setName("a"), new TagsRecord().setName("b")));
    // when: each path writes, the other reads
    List<AccountsRecord> direct =
        accounts.createMany(
            List.of(new AccountsRecord().setBalance(1L), new AccountsRecord().setBalance(2L)));
    AccountsRecord jooq = jooqAccounts.create(new AccountsRecord().setBalance(3L));
    PostTagsRecord link =
        jooqLinks.create(new PostTagsRecord().setPostId(post.getId()).setTagId(two.get(0).getId()));
    // then
    assertThat(jooqAccounts.findById(direct.get(1).getId())).contains(direct.get(1));
    assertThat(accounts.findById(jooq.getId())).contains(jooq);
    AccountsRecord updated = accounts.update(jooq.setBalance(30L));
    assertThat(jooqAccounts.update(updated.setBalance(31L)).getLockVersion()).isEqualTo(2);
    Record2<Integer, Integer> key =
        dsl.newRecord(POST_TAGS.POST_ID, POST_TAGS.TAG_ID).values(post.getId(), two.get(0).getId());
    assertThat(links.findById(key)).contains(link);
    assertThat(jooqLinks.findById(key)).contains(link);
  }

  @Test
  void badInputFailsBeforeAnythingIsSentNamingTableAndColumn() {
    TableRepository<UsersRecord, Object> untyped = db.repository(USERS);
    assertThatThrownBy(() -> users.findById(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("findById of users: the id (id) is null");
    assertThatThrownBy(() -> untyped.findById("1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("findById of users: column id is Integer, got String");
    TableRepository<PostTagsRecord, Object> untypedLinks = db.repository(POST_TAGS);
    assertThatThrownBy(() -> untypedLinks.findById(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "findById of post_tags: the id must be a Record2 of (post_id, tag_id), got Integer");
    @SuppressWarnings({"unchecked", "rawtypes"})
    TableRepository<UsersRecord, Integer> raw = (TableRepository) db.repository(TAGS);
    assertThatThrownBy(() -> raw.create(new UsersRecord().setName("x").setEmail("x@x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("create of tags: got a record of table users");
    assertThatThrownBy(() -> users.update(new UsersRecord().setName("no id")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("update of users: column id is null");
    assertThatThrownBy(() -> users.update(new UsersRecord().setId(1).setName("no version")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "update of users: column lock_version is null: an optimistic update needs the"
                + " version it read");
    assertThat(users.count()).isZero();
  }

  @Test
  void tableWithoutPrimaryKeyOrWithANonIntegralVersionIsRefused() {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Table<UsersRecord> keyless = (Table) DSL.table(DSL.name("keyless"));
    assertThatThrownBy(() -> db.repository(keyless))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("table keyless has no primary key");
    assertThatThrownBy(() -> db.repository(new VersionedByName()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "table versioned_by_name: version column name is String, not an integral type (int,"
                + " bigint)");
  }

  /** A table whose record version field is a text column. */
  private static final class VersionedByName extends TableImpl<UsersRecord> {
    private static final long serialVersionUID = 1L;

    VersionedByName() {
      super(DSL.name("versioned_by_name"));
    }

    @Override
    public Class<UsersRecord> getRecordType() {
      return UsersRecord.class;
    }

    @Override
    public UniqueKey<UsersRecord> getPrimaryKey() {
      return Keys.USERS_PKEY;
    }

    @Override
    public TableField<UsersRecord, ?> getRecordVersion() {
      return USERS.NAME;
    }
  }
}
