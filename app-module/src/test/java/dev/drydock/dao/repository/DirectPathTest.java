package dev.drydock.dao.repository;

import static dev.drydock.generated.Tables.POSTS;
import static dev.drydock.generated.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.drydock.dao.DrydockDatabase;
import dev.drydock.dao.error.ConflictException;
import dev.drydock.dao.sample.PostRepository;
import dev.drydock.dao.sample.UserRepository;
import dev.drydock.dao.testing.PostgresExtension;
import dev.drydock.dao.testing.TestDatabase;
import dev.drydock.generated.enums.Status;
import dev.drydock.generated.json.PostMetadata;
import dev.drydock.generated.tables.records.PostsRecord;
import dev.drydock.generated.tables.records.UsersRecord;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Query;
import org.jooq.VisitContext;
import org.jooq.VisitListener;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultVisitListenerProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The repositories' direct path (SQL rendered once, run with JDBC) against the jOOQ path they take
 * when an application listener must see every statement: same rows, same records, same errors.
 */
@ExtendWith(PostgresExtension.class)
class DirectPathTest {

  private final DSLContext dsl;
  private final UserRepository direct;
  private final UserRepository viaJooq;
  private final List<String> seenByListener = new ArrayList<>();
  private final TestDatabase db;

  DirectPathTest(TestDatabase db) {
    this.db = db;
    this.dsl = db.dsl();
    this.direct = new UserRepository(db.drydock());
    this.viaJooq =
        new UserRepository(
            DrydockDatabase.configure()
                .dataSource(db.dataSource())
                .executeListener(
                    new ExecuteListener() {
                      private static final long serialVersionUID = 1L;

                      @Override
                      public void executeStart(ExecuteContext ctx) {
                        seenByListener.add(ctx.sql());
                      }
                    })
                .build());
  }

  @BeforeEach
  void empty() {
    dsl.truncate(USERS).cascade().execute();
  }

  @Test
  void bothPathsReadTheSameRecords() {
    // given: a user with posts of every column type, written on the direct path
    UsersRecord ada = direct.create(new UsersRecord().setName("Ada").setEmail("ada@x").setAge(36));
    PostRepository posts = new PostRepository(dsl);
    posts.create(
        new PostsRecord()
            .setAuthorId(ada.getId())
            .setTitle("first")
            .setStatus(Status.active)
            .setMetadata(new PostMetadata("a")));
    posts.create(ada.getId(), "second");
    UsersRecord updated = direct.update(ada.setName("Ada L."));
    // when
    UsersRecord foundDirect = direct.findById(ada.getId()).orElseThrow();
    UsersRecord foundViaJooq = viaJooq.findById(ada.getId()).orElseThrow();
    UserRepository.UserWithPosts withPostsDirect = direct.findWithPosts(ada.getId()).orElseThrow();
    UserRepository.UserWithPosts withPostsViaJooq =
        viaJooq.findWithPosts(ada.getId()).orElseThrow();
    // then
    assertThat(foundDirect).isEqualTo(foundViaJooq).isEqualTo(updated);
    assertThat(foundDirect.getUpdatedAt()).isEqualTo(foundViaJooq.getUpdatedAt()).isNotNull();
    assertThat(foundDirect.changed()).isFalse();
    assertThat(withPostsDirect).isEqualTo(withPostsViaJooq);
    assertThat(withPostsDirect.posts())
        .extracting(PostsRecord::getTitle)
        .containsExactly("first", "second");
    assertThat(withPostsDirect.posts().get(0).getMetadata()).isEqualTo(new PostMetadata("a"));
    assertThat(seenByListener).hasSize(2);
  }

  @Test
  void givenAConvertedJsonbColumnThenTheDirectPathReadsItThroughItsConverterAndJooqBindsIt()
      throws Exception {
    // given: posts.metadata is jsonb converted to PostMetadata by a forced type
    RecordReader<PostsRecord> reader = RecordReader.of(POSTS);
    int author = direct.create(new UsersRecord().setName("Ada").setEmail("ada@x")).getId();
    dsl.execute(
        "insert into posts (author_id, title, metadata) values (?, 't', '{\"key\": \"k\"}')",
        author);
    // when
    PostsRecord read;
    try (java.sql.Connection c = db.connect();
        java.sql.ResultSet rs =
            c.createStatement().executeQuery(dsl.render(dsl.selectFrom(POSTS)))) {
      assertThat(rs.next()).isTrue();
      read = reader.read(rs, 1, new ReadContext(dsl.configuration(), c));
    }
    // then
    assertThat(read.getMetadata()).isEqualTo(new PostMetadata("k"));
    assertThat(read.changed()).isFalse();
    assertThat(RecordReader.binding(POSTS.METADATA)).isNull();
    assertThat(RecordReader.binding(POSTS.TITLE)).isEqualTo(ColumnType.STRING);
  }

  @Test
  void bothPathsWriteTheSameRows() {
    // given
    List<UsersRecord> batch = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      batch.add(
          new UsersRecord()
              .setName("u" + i)
              .setEmail("u" + i + "@x")
              .setAge(i)
              .setIsActive(i == 1));
    }
    List<UsersRecord> sameViaJooq = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      sameViaJooq.add(
          new UsersRecord()
              .setName("j" + i)
              .setEmail("j" + i + "@x")
              .setAge(i)
              .setIsActive(i == 1));
    }
    // when
    List<UsersRecord> insertedDirect = direct.createAll(batch);
    List<UsersRecord> insertedViaJooq = viaJooq.createAll(sameViaJooq);
    List<Integer> agesViaJooq = insertedViaJooq.stream().map(UsersRecord::getAge).toList();
    UsersRecord updatedDirect = direct.update(insertedDirect.get(0).setAge(40));
    UsersRecord updatedViaJooq = viaJooq.update(insertedViaJooq.get(0).setAge(40));
    // then
    assertThat(insertedDirect).extracting(UsersRecord::getName).containsExactly("u0", "u1", "u2");
    assertThat(insertedDirect)
        .extracting(UsersRecord::getIsActive)
        .containsExactly(false, true, false);
    assertThat(agesViaJooq).containsExactly(0, 1, 2);
    assertThat(dsl.fetchCount(USERS)).isEqualTo(6);
    assertThat(updatedDirect.getLockVersion())
        .isEqualTo(updatedViaJooq.getLockVersion())
        .isEqualTo(1);
    assertThat(updatedDirect.getAge()).isEqualTo(updatedViaJooq.getAge()).isEqualTo(40);
    assertThat(seenByListener).hasSize(2);
  }

  @Test
  void withoutDirectExecutionJooqRendersAndRunsEveryStatementAndReadsTheSameRecords() {
    // given: the default database and one with directExecution(false), each repository on a
    // context that counts the statements jOOQ renders (the direct path renders a statement once
    // and then reuses the text; jOOQ's execute lifecycle renders it on every execution)
    StatementRenders directRenders = new StatementRenders();
    StatementRenders jooqRenders = new StatementRenders();
    DrydockDatabase directDb = DrydockDatabase.configure().dataSource(db.dataSource()).build();
    DrydockDatabase jooqDb =
        DrydockDatabase.configure().dataSource(db.dataSource()).directExecution(false).build();
    DSLContext directDsl = directRenders.on(directDb.dsl());
    DSLContext jooqDsl = jooqRenders.on(jooqDb.dsl());
    UserRepository directUsers = new UserRepository(directDb).using(directDsl);
    UserRepository jooqUsers = new UserRepository(jooqDb).using(jooqDsl);
    // when: the six hot statements, twice on each
    List<UsersRecord> directRead = new ArrayList<>();
    List<UsersRecord> jooqRead = new ArrayList<>();
    for (int round = 0; round < 2; round++) {
      directRead.add(hotStatements(directDsl, directUsers, "d" + round));
      jooqRead.add(hotStatements(jooqDsl, jooqUsers, "j" + round));
    }
    // then: the direct path rendered each of its 5 shapes once (the user with posts included: a
    // LEFT JOIN read into the records); jOOQ rendered all 12 statements
    assertThat(directRenders.count).isEqualTo(5);
    assertThat(jooqRenders.count).isEqualTo(12);
    // and both read the same records, whichever path wrote them
    for (UsersRecord written : directRead) {
      assertThat(jooqUsers.findById(written.getId())).contains(written);
    }
    for (UsersRecord written : jooqRead) {
      assertThat(directUsers.findById(written.getId())).contains(written);
    }
    assertThat(jooqRead)
        .extracting(UsersRecord::getName, UsersRecord::getAge, UsersRecord::getLockVersion)
        .containsExactly(tuple("j0", 2, 1), tuple("j1", 2, 1));
    assertThat(directRead)
        .extracting(UsersRecord::getName, UsersRecord::getAge, UsersRecord::getLockVersion)
        .containsExactly(tuple("d0", 2, 1), tuple("d1", 2, 1));
    assertThat(dsl.fetchCount(USERS)).isEqualTo(12);
  }

  /**
   * Create, optimistic update, batch insert of two, find by id, user with posts, and find by id in
   * a transaction; returns the user as read back.
   */
  private static UsersRecord hotStatements(DSLContext dsl, UserRepository users, String name) {
    UsersRecord created =
        users.create(new UsersRecord().setName(name).setEmail(name + "@x").setAge(1));
    UsersRecord updated = users.update(created.setAge(2));
    List<UsersRecord> batch = new ArrayList<>();
    for (String suffix : List.of("a", "b")) {
      batch.add(
          new UsersRecord()
              .setName(name + suffix)
              .setEmail(name + suffix + "@x")
              .setAge(3)
              .setIsActive(true));
    }
    assertThat(users.createAll(batch)).hasSize(2);
    UsersRecord found = users.findById(created.getId()).orElseThrow();
    UserRepository.UserWithPosts withPosts = users.findWithPosts(created.getId()).orElseThrow();
    UsersRecord inTransaction =
        dsl.transactionResult(
            cfg -> users.using(DSL.using(cfg)).findById(created.getId()).orElseThrow());
    assertThat(found).isEqualTo(updated).isEqualTo(inTransaction).isEqualTo(withPosts.user());
    assertThat(withPosts.posts()).isEmpty();
    return found;
  }

  /** Counts the whole statements (not their parts) jOOQ renders on a context. */
  private static final class StatementRenders implements VisitListener {
    int count;

    DSLContext on(DSLContext dsl) {
      return DSL.using(dsl.configuration().derive(DefaultVisitListenerProvider.providers(this)));
    }

    @Override
    public void visitStart(VisitContext context) {
      if (context.renderContext() != null
          && context.queryPartsLength() == 1
          && context.queryPart() instanceof Query) {
        count++;
      }
    }
  }

  @Test
  void directPathRunsOnTheTransactionsConnection() {
    // when: a transaction creates a user, sees it, then rolls back
    List<Boolean> seenInside = new ArrayList<>();
    assertThatThrownBy(
            () ->
                dsl.transaction(
                    cfg -> {
                      UserRepository tx = direct.using(DSL.using(cfg));
                      UsersRecord ada = tx.create("Ada", "tx@x");
                      seenInside.add(tx.findById(ada.getId()).isPresent());
                      throw new IllegalStateException("roll back");
                    }))
        .hasMessageContaining("roll back");
    // then
    assertThat(seenInside).containsExactly(true);
    assertThat(direct.findByEmail("tx@x")).isEmpty();
  }

  @Test
  void withoutTranslationADirectPathFailureIsJooqsException() {
    // given
    UserRepository untranslated =
        new UserRepository(
            DrydockDatabase.configure().dataSource(db.dataSource()).translateErrors(false).build());
    direct.create("Ada", "taken@x");
    // when / then
    assertThatThrownBy(() -> untranslated.create("Ada again", "taken@x"))
        .isExactlyInstanceOf(DataAccessException.class)
        .hasMessageContaining("unique_email");
    assertThatThrownBy(() -> direct.create("Ada again", "taken@x"))
        .isInstanceOf(ConflictException.class);
    assertThat(POSTS.getName()).isEqualTo("posts");
  }
}
