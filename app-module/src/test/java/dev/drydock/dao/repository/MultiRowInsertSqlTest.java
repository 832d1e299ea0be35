package dev.drydock.dao.repository;

import static dev.drydock.generated.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.generated.tables.records.UsersRecord;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep4;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** The direct path's n-row INSERT is the text jOOQ renders for n rows. */
class MultiRowInsertSqlTest {

  private final DSLContext dsl =
      DSL.using(SQLDialect.POSTGRES, new Settings().withRenderSchema(false));

  @Test
  void repeatingTheOneRowTemplateGivesJooqsMultiRowInsert() {
    // given
    String oneRow = dsl.render(insert(1).returning());
    // when
    String[] template = MultiRowInsert.cut(oneRow);
    // then
    assertThat(template).isNotNull();
    assertThat(template[1]).isEqualTo("(?, ?, ?, ?)");
    assertThat(MultiRowInsert.multiRow(template, 1)).isEqualTo(oneRow);
    assertThat(MultiRowInsert.multiRow(template, 3)).isEqualTo(dsl.render(insert(3).returning()));
  }

  @Test
  void statementsOfAnotherFormAreNotCut() {
    assertThat(MultiRowInsert.cut("insert into t default values returning *")).isNull();
    assertThat(MultiRowInsert.cut("insert into t values (1) returning \" values \"")).isNull();
  }

  private InsertValuesStep4<UsersRecord, String, String, Integer, Boolean> insert(int rows) {
    InsertValuesStep4<UsersRecord, String, String, Integer, Boolean> insert =
        dsl.insertInto(USERS, USERS.NAME, USERS.EMAIL, USERS.AGE, USERS.IS_ACTIVE);
    for (int r = 0; r < rows; r++) {
      insert = insert.values("n" + r, "e" + r, r, true);
    }
    return insert;
  }
}
