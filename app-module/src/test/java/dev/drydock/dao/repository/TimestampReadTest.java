package dev.drydock.dao.repository;

import static dev.drydock.generated.Tables.POSTS;
import static dev.drydock.generated.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.drydock.dao.DrydockDatabase;
import dev.drydock.dao.TableRepository;
import dev.drydock.dao.TableRepository.WithChildren;
import dev.drydock.dao.testing.PostgresExtension;
import dev.drydock.dao.testing.TestDatabase;
import dev.drydock.generated.Keys;
import dev.drydock.generated.tables.records.PostsRecord;
import dev.drydock.generated.tables.records.UsersRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DefaultConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.PGResultSetMetaData;

/**
 * The direct path reads {@code timestamptz} columns as jOOQ does, offset included, whatever the
 * session's time zone and whether the driver receives them as text or in binary (a server-prepared
 * statement): a differential test against jOOQ's path on randomized instants from 1000 BC to the
 * year 12000, with daylight-saving changes and local mean time offsets of seconds.
 */
@ExtendWith(PostgresExtension.class)
class TimestampReadTest {

  /** The instants' seed: a failure names it (the assertion's description). */
  private static final long SEED = System.nanoTime();

  private static final int POSTS_PER_USER = 80;

  private static int author;
  private static final List<Integer> postIds = new ArrayList<>();

  private final TestDatabase database;

  TimestampReadTest(TestDatabase database) {
    this.database = database;
  }

  @BeforeAll
  static void seed(TestDatabase database) throws SQLException {
    // given: a user and posts at random instants, some edge cases, some updated_at null
    Random random = new Random(SEED);
    List<OffsetDateTime> instants = new ArrayList<>();
    instants.add(OffsetDateTime.of(1890, 6, 1, 12, 0, 0, 0, ZoneOffset.UTC)); // St John's LMT
    instants.add(OffsetDateTime.of(2024, 3, 10, 5, 29, 59, 999_999_000, ZoneOffset.UTC)); // DST
    instants.add(OffsetDateTime.of(2024, 3, 10, 5, 30, 0, 0, ZoneOffset.UTC));
    instants.add(OffsetDateTime.of(1, 1, 1, 1, 0, 0, 0, ZoneOffset.UTC)); // 1 BC west of UTC
    instants.add(OffsetDateTime.of(9999, 12, 31, 23, 0, 0, 0, ZoneOffset.UTC)); // 10000 east
    while (instants.size() < POSTS_PER_USER * 2 + 1) {
      instants.add(randomInstant(random));
    }
    try (Connection c = database.connect()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "insert into users (name, email, created_at) values ('t', 't@x', ?) returning id")) {
        ps.setObject(1, instants.get(0));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          author = rs.getInt(1);
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "insert into posts (title, author_id, created_at, updated_at) values ('p', ?, ?, ?)"
                  + " returning id")) {
        for (int i = 0; i < POSTS_PER_USER; i++) {
          ps.setInt(1, author);
          ps.setObject(2, instants.get(1 + 2 * i));
          ps.setObject(3, i % 5 == 4 ? null : instants.get(2 + 2 * i));
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            postIds.add(rs.getInt(1));
          }
        }
      }
    }
  }

  /** An instant from 1000 BC to 12000, most of them from 1850 to 2150, to the microsecond. */
  private static OffsetDateTime randomInstant(Random random) {
    boolean wide = random.nextInt(10) < 3;
    long from =
        OffsetDateTime.of(wide ? -999 : 1850, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toEpochSecond();
    long to =
        OffsetDateTime.of(wide ? 12000 : 2150, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toEpochSecond();
    long second = from + (long) (random.nextDouble() * (to - from));
    return OffsetDateTime.ofInstant(
        Instant.ofEpochSecond(second, random.nextInt(1_000_000) * 1_000L), ZoneOffset.UTC);
  }

  @ParameterizedTest(name = "{0} transfer, session time zone {1}")
  @CsvSource({
    "binary, America/St_Johns",
    "binary, Asia/Kathmandu",
    "binary, UTC",
    "text, America/St_Johns",
    "default, Europe/Berlin"
  })
  void givenASessionTimeZoneWhenReadOnTheDirectPathThenTimestampsEqualJooqsOffsetIncluded(
      String transfer, String zone) throws SQLException {
    // one pool each, so that both sides switch to binary at the same run (the driver's text and
    // binary forms differ for some instants before 1900: its local mean time offsets)
    try (HikariDataSource pool = pool(transfer, zone);
        HikariDataSource jooqPool = pool(transfer, zone)) {
      assertTransfer(pool, transfer);
      assertTransfer(jooqPool, transfer);
      DrydockDatabase direct = DrydockDatabase.configure().dataSource(pool).build();
      DrydockDatabase viaJooq =
          DrydockDatabase.configure().dataSource(jooqPool).directExecution(false).build();
      // the driver's default prepares a statement on the server at its fifth run: run past it
      for (int run = 0; run < 7; run++) {
        // when
        WithChildren<UsersRecord, PostsRecord> actual = withPosts(direct);
        // then
        WithChildren<UsersRecord, PostsRecord> expected = withPosts(viaJooq);
        assertThat(actual.parent().intoList())
            .as("seed %d, run %d", SEED, run)
            .isEqualTo(expected.parent().intoList());
        assertThat(actual.children().stream().map(Record::intoList).toList())
            .as("seed %d, run %d", SEED, run)
            .hasSize(POSTS_PER_USER)
            .isEqualTo(expected.children().stream().map(Record::intoList).toList());
        TableRepository<PostsRecord, Integer> posts = direct.repository(POSTS);
        TableRepository<PostsRecord, Integer> postsViaJooq = viaJooq.repository(POSTS);
        int id = postIds.get(run % postIds.size());
        assertThat(posts.findById(id).orElseThrow().intoList())
            .as("seed %d, post %d", SEED, id)
            .isEqualTo(postsViaJooq.findById(id).orElseThrow().intoList());
      }
      // and: each value at the session's offset of its instant (half hours, DST), from 1900 to
      // 2037 (outside, the driver's and the server's offsets differ: the time zone database)
      ZoneRules rules = ZoneId.of(zone).getRules();
      for (PostsRecord post : withPosts(direct).children()) {
        for (OffsetDateTime t : new OffsetDateTime[] {post.getCreatedAt(), post.getUpdatedAt()}) {
          if (t != null && t.getYear() >= 1900 && t.getYear() < 2038) {
            assertThat(t.getOffset()).as("%s", t).isEqualTo(rules.getOffset(t.toInstant()));
          }
        }
      }
    }
  }

  @Test
  void givenBindOffsetDateTimeTypeWhenReadOnTheDirectPathThenTheDriversUtcValuesAsJooqTakesThem()
      throws SQLException {
    try (HikariDataSource pool = pool("binary", "America/St_Johns")) {
      // given: jOOQ's setting to take the driver's OffsetDateTime as it is
      DefaultConfiguration base = new DefaultConfiguration();
      base.set(pool).set(SQLDialect.POSTGRES).set(new Settings().withBindOffsetDateTimeType(true));
      DrydockDatabase direct = DrydockDatabase.configure().configuration(base).build();
      DrydockDatabase viaJooq =
          DrydockDatabase.configure().configuration(base).directExecution(false).build();
      // when
      WithChildren<UsersRecord, PostsRecord> actual = withPosts(direct);
      // then
      assertThat(actual.children().stream().map(Record::intoList).toList())
          .as("seed %d", SEED)
          .isEqualTo(withPosts(viaJooq).children().stream().map(Record::intoList).toList());
      assertThat(actual.children())
          .extracting(p -> p.getCreatedAt().getOffset())
          .containsOnly(ZoneOffset.UTC);
    }
  }

  private static WithChildren<UsersRecord, PostsRecord> withPosts(DrydockDatabase db) {
    TableRepository<UsersRecord, Integer> users = db.repository(USERS);
    return users.findWithChildren(author, Keys.POSTS__POSTS_AUTHOR_ID_FKEY).orElseThrow();
  }

  /**
   * One connection whose session is in {@code zone}; {@code binary}: every statement prepared on
   * the server, results in binary, {@code text}: never, {@code default}: the driver's default.
   */
  private HikariDataSource pool(String transfer, String zone) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(database.jdbcUrl());
    config.setDataSourceProperties(database.credentials());
    config.setMaximumPoolSize(1);
    config.setConnectionInitSql("set time zone '" + zone + "'");
    switch (transfer) {
      case "binary" -> config.addDataSourceProperty("prepareThreshold", "-1");
      case "text" -> config.addDataSourceProperty("prepareThreshold", "0");
      default -> {}
    }
    return new HikariDataSource(config);
  }

  /** The fixture does what it says: the driver receives timestamps in binary, or as text. */
  private static void assertTransfer(HikariDataSource pool, String transfer) throws SQLException {
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement("select created_at from posts limit 1");
        ResultSet rs = ps.executeQuery()) {
      int format = rs.getMetaData().unwrap(PGResultSetMetaData.class).getFormat(1);
      assertThat(format).isEqualTo(transfer.equals("binary") ? 1 : 0);
    }
  }
}
