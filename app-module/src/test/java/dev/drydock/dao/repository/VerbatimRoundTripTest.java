package dev.drydock.dao.repository;

import static dev.drydock.dao.testing.DatabaseExceptionAssert.assertThrows;
import static dev.drydock.generated.Tables.POSTS;
import static dev.drydock.generated.Tables.TAGS;
import static dev.drydock.generated.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.dao.DrydockDatabase;
import dev.drydock.dao.error.InvalidInputException;
import dev.drydock.dao.sample.PostFilter;
import dev.drydock.dao.sample.PostRepository;
import dev.drydock.dao.sample.PostTagRepository;
import dev.drydock.dao.sample.TagRepository;
import dev.drydock.dao.sample.UserFilter;
import dev.drydock.dao.sample.UserRepository;
import dev.drydock.dao.testing.PostgresExtension;
import dev.drydock.dao.testing.TestDatabase;
import dev.drydock.generated.json.PostMetadata;
import dev.drydock.generated.tables.records.PostsRecord;
import dev.drydock.generated.tables.records.TagsRecord;
import dev.drydock.generated.tables.records.UsersRecord;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Awkward text goes through the repositories and comes back exactly as written: by id, by unique
 * key, by LIKE prefix filter (with decoys that only match if wildcards are not escaped), through
 * jsonb and through MULTISET (which jOOQ reads as nested JSON). A NUL character is refused with a
 * clear {@link InvalidInputException} instead of being truncated.
 */
@ExtendWith(PostgresExtension.class)
class VerbatimRoundTripTest {

  private final DSLContext dsl;
  private final DrydockDatabase db;

  VerbatimRoundTripTest(TestDatabase database) {
    this.dsl = database.dsl();
    this.db = database.drydock();
  }

  @BeforeEach
  void empty() {
    dsl.truncate(USERS, TAGS).cascade().execute();
  }

  /** Every character from U+0001 to U+00FF: binary-like text without NUL. */
  private static final String BYTES_1_TO_255 =
      IntStream.rangeClosed(1, 255)
          .mapToObj(c -> String.valueOf((char) c))
          .collect(Collectors.joining());

  static Stream<Arguments> awkwardValues() {
    return Stream.of(
        Arguments.of("single quotes", "O'Brien's ''doubled'' '"),
        Arguments.of("double quotes", "say \"hi\" \"\""),
        Arguments.of("backslashes", "C:\\path\\to\\ \\\\ trailing\\"),
        Arguments.of("bytea hex lookalike", "\\x00\\x27\\xDEADBEEF"),
        Arguments.of("escape string lookalike", "E'\\n\\t\\'' || chr(0) || '"),
        Arguments.of("LIKE wildcards", "50%_off_%"),
        Arguments.of("LIKE escape chars", "a\\%b\\_c!%!_"),
        Arguments.of("emoji", "😀 👍🏽 👨‍👩‍👧‍👦 🏳️‍🌈"),
        Arguments.of("non-BMP letters", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𠜎𠜱 𓀀"),
        Arguments.of("combining characters", "e\u0301 vs \u00e9, n\u0303, a\u0308\u0304"),
        Arguments.of("right-to-left", "مرحبا بالعالم שלום \u202Eevil.exe\u202C"),
        Arguments.of("SQL injection", "'; DROP TABLE users; --"),
        Arguments.of("SQL injection in parentheses", "Robert'); DROP TABLE tags;--"),
        Arguments.of("boolean injection", "x' OR '1'='1"),
        Arguments.of("dollar quoting", "$$ body $$ $tag$ x $tag$ $1 $"),
        Arguments.of("JDBC placeholders and escapes", "? ?? :name {fn user()} {d '2020-01-01'}"),
        Arguments.of("CR LF tab", "line1\r\nline2\ttabbed\rCR\n"),
        Arguments.of("whitespace only", "   "),
        Arguments.of("unicode separators and BOM", "\u2028\u2029\uFEFF\u00A0\u200B"),
        Arguments.of("bytes 1 to 255 as chars", BYTES_1_TO_255),
        Arguments.of("long mixed", "Ab'\\\"%_ 😀".repeat(250)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("awkwardValues")
  void userNameAndEmailRoundTripVerbatimByIdEmailAndNamePrefix(String label, String value) {
    // given: a decoy that a prefix filter matches only if it treats %, _ or \ as special
    UsersRecord decoy = new UserRepository(db).create(defang(value), "decoy@example.com");
    String email = email(label, value);
    // when
    UsersRecord created = new UserRepository(db).create(value, email);
    // then
    assertThat(created.getName()).isEqualTo(value);
    assertThat(new UserRepository(db).findById(created.getId()).orElseThrow().getName())
        .isEqualTo(value);
    UsersRecord byEmail = new UserRepository(db).findByEmail(email).orElseThrow();
    assertThat(byEmail.getId()).isEqualTo(created.getId());
    assertThat(byEmail.getEmail()).isEqualTo(email);
    List<Integer> byPrefix =
        new UserRepository(db)
            .list(UserFilter.all().withNamePrefix(value), PageRequest.first(10)).items().stream()
                .map(UsersRecord::getId)
                .toList();
    if (decoy.getName().startsWith(value)) {
      assertThat(byPrefix).containsExactly(decoy.getId(), created.getId());
    } else {
      assertThat(byPrefix).containsExactly(created.getId());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("awkwardValues")
  void postTitleContentAndJsonbMetadataRoundTripVerbatim(String label, String value) {
    // given
    int author = new UserRepository(db).create("author", "author@example.com").getId();
    // when
    PostsRecord created =
        new PostRepository(db)
            .create(
                new PostsRecord()
                    .setAuthorId(author)
                    .setTitle(value)
                    .setContent(value)
                    .setMetadata(new PostMetadata(value)));
    // then
    PostsRecord read = new PostRepository(db).findById(created.getId()).orElseThrow();
    assertThat(read.getTitle()).isEqualTo(value);
    assertThat(read.getContent()).isEqualTo(value);
    assertThat(read.getMetadata()).isEqualTo(new PostMetadata(value));
    assertThat(
            dsl.select(DSL.field("{0}->>'key'", String.class, POSTS.METADATA))
                .from(POSTS)
                .where(POSTS.ID.eq(created.getId()))
                .fetchSingle()
                .value1())
        .as("metadata->>'key'")
        .isEqualTo(value);
    // through MULTISET, which jOOQ fetches as nested JSON
    assertThat(new UserRepository(db).findWithPosts(author).orElseThrow().posts())
        .extracting(PostsRecord::getTitle, PostsRecord::getContent, PostsRecord::getMetadata)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(value, value, new PostMetadata(value)));
    assertThat(
            new PostRepository(db)
                .list(PostFilter.all().withAuthor(author), PageRequest.first(10))
                .items())
        .extracting(PostsRecord::getTitle)
        .containsExactly(value);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("awkwardValues")
  void tagNameRoundTripsVerbatimByNamePrefixAndThroughMultiset(String label, String value) {
    // given
    TagsRecord decoy = new TagRepository(db).create(defang(value) + "~decoy");
    int author = new UserRepository(db).create("author", "author@example.com").getId();
    int post = new PostRepository(db).create(author, "tagged").getId();
    // when
    TagsRecord tag = new TagRepository(db).create(value);
    new PostTagRepository(db).create(post, tag.getId());
    // then
    assertThat(new TagRepository(db).findById(tag.getId()).orElseThrow().getName())
        .isEqualTo(value);
    assertThat(new TagRepository(db).findByName(value).orElseThrow().getId())
        .isEqualTo(tag.getId());
    List<Integer> byPrefix =
        new TagRepository(db)
            .list(value, PageRequest.first(10)).items().stream().map(TagsRecord::getId).toList();
    if (decoy.getName().startsWith(value)) {
      assertThat(byPrefix).containsExactlyInAnyOrder(tag.getId(), decoy.getId());
    } else {
      assertThat(byPrefix).containsExactly(tag.getId());
    }
    assertThat(new PostRepository(db).findWithTags(post).orElseThrow().tags())
        .extracting(TagsRecord::getName)
        .containsExactly(value);
    assertThat(new TagRepository(db).upsert(value).getId()).isEqualTo(tag.getId());
  }

  @Test
  void megabyteOfMixedTextRoundTripsVerbatim() {
    // given
    String value = ("Ab'\\\"%_\r\n😀e\u0301" + BYTES_1_TO_255).repeat(3_500);
    int author = new UserRepository(db).create("author", "author@example.com").getId();
    // when
    PostsRecord created =
        new PostRepository(db)
            .create(new PostsRecord().setAuthorId(author).setTitle("big").setContent(value));
    // then
    assertThat(value.length()).isGreaterThan(900_000);
    assertThat(new PostRepository(db).findById(created.getId()).orElseThrow().getContent())
        .isEqualTo(value);
  }

  @Test
  void nulCharacterInTextIsRejectedAsInvalidInputNotTruncated() {
    // when / then
    assertThrows(
            InvalidInputException.class,
            () -> new UserRepository(db).create("before\u0000after", "n@x.y"))
        .hasSqlState("22021")
        .isNotRetryable();
    assertThat(dsl.fetchCount(USERS)).isZero();
  }

  @Test
  void nulEscapeInJsonbIsRejectedAsInvalidInput() {
    // given
    int author = new UserRepository(db).create("author", "author@example.com").getId();
    // when / then
    assertThrows(
            InvalidInputException.class,
            () ->
                new PostRepository(db)
                    .create(
                        new PostsRecord()
                            .setAuthorId(author)
                            .setTitle("nul")
                            .setMetadata(new PostMetadata("a\u0000b"))))
        .hasSqlState("22P05")
        .isNotRetryable();
    assertThat(dsl.fetchCount(POSTS)).isZero();
  }

  /** {@code value} with LIKE's special characters replaced by ordinary ones. */
  private static String defang(String value) {
    return value.replace('%', 'P').replace('_', 'U').replace('\\', 'B');
  }

  /** A unique email within varchar(255) (characters, not bytes). */
  private static String email(String label, String value) {
    return value.codePointCount(0, value.length()) <= 200 ? value + "@" + label.length() : label;
  }
}
