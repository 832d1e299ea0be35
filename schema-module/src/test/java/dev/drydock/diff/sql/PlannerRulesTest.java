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
}
