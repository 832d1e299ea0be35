package dev.drydock.diff.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlannerRulesTest {

  @Test
  void wideningTypeChangesAreRecognised() {
    assertThat(ColumnAlterations.isWidening("character varying(50)", "character varying(100)"))
        .isTrue();
    assertThat(ColumnAlterations.isWidening("character varying(100)", "character varying(50)"))
        .isFalse();
    assertThat(ColumnAlterations.isWidening("integer", "bigint")).isTrue();
    assertThat(ColumnAlterations.isWidening("bigint", "integer")).isFalse();
    assertThat(ColumnAlterations.isWidening("character varying(10)", "text")).isTrue();
    assertThat(ColumnAlterations.isWidening("numeric(10,2)", "numeric(12,2)")).isTrue();
    assertThat(ColumnAlterations.isWidening("numeric(10,2)", "numeric(12,3)")).isFalse();
    assertThat(ColumnAlterations.isWidening("text", "integer")).isFalse();
  }

  @Test
  void enumLabelListsAreSplitRespectingQuotes() {
    assertThat(TypeAlterations.enumLabels("'a', 'it''s, fine', E'back\\\\slash'"))
        .containsExactly("'a'", "'it''s, fine'", "E'back\\\\slash'");
  }

  @Test
  void givenANoteWithEveryKindOfLineBreak_whenCommented_thenEveryLineIsAComment() {
    // given: a name that holds line feeds, carriage returns and SQL of its own
    String note = "RENAME: column a\nDROP TABLE t; --\rDROP TABLE u;\r\n\nx\u2028y";

    // when
    String comment = SqlText.comment(note);

    // then
    assertThat(comment)
        .isEqualTo("-- RENAME: column a\n-- DROP TABLE t; --\n-- DROP TABLE u;\n--\n-- x\n-- y");
    assertThat(SqlText.isComment(comment)).isTrue();
  }

  @Test
  void givenA63ByteEnumName_whenTheOldTypeIsNamed_thenTheNameKeepsWithin63Bytes() {
    String name = "é".repeat(31) + "x";

    String old = TypeAlterations.besideName(name, "__drydock_old");

    assertThat(old).isEqualTo("é".repeat(25) + "__drydock_old");
    assertThat(old.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(63);
  }

  @Test
  void givenGranteesWhoseQuotedNamesHoldCommasAndColons_whenSplit_thenEachEntryIsWhole() {
    String acl = "\"a, b:c\"\"\":SELECT, \"x\":INSERT WITH GRANT OPTION, plain:UPDATE";

    assertThat(Grants.splitAcl(acl))
        .containsExactly("\"a, b:c\"\"\":SELECT", "\"x\":INSERT WITH GRANT OPTION", "plain:UPDATE");
    assertThat(Grants.grantee("\"a, b:c\"\"\":SELECT")).containsExactly("\"a, b:c\"\"\"", "SELECT");
  }
}
