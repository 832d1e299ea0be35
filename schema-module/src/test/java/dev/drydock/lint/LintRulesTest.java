package dev.drydock.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Every rule on its dangerous and its safe form, on the bundled PostgreSQL 17 (15 and 18: {@link
 * LintRulesAcrossMajorsTest}).
 */
class LintRulesTest {

  @Test
  void eachRuleFiresOnTheDangerousFormAndNotOnTheSafeOne() throws Exception {
    // given V1 as what production has, when V2..V7 are linted as new on PostgreSQL 17
    LintReport report = RuleExpectations.lint(LintServers.major(17, LintTestCache.dir()));

    // then every rule finds exactly the dangerous statements
    RuleExpectations.assertEveryRule(report, 17);
    // and says what it saw: the lock, the relation, until when
    assertThat(RuleExpectations.messages(report, "scan-under-lock"))
        .first()
        .isEqualTo(
            "V2__dangerous.sql:3 scans every row of table public.nn under ACCESS EXCLUSIVE lock"
                + " (blocks reads and writes), held until the migration commits; on this server:"
                + " ADD CONSTRAINT ... CHECK (a IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT, then"
                + " SET NOT NULL");
    assertThat(RuleExpectations.messages(report, "foreign-key-lock"))
        .containsExactly(
            "V2__dangerous.sql:9 adds foreign key child_parent checking every row, under SHARE ROW"
                + " EXCLUSIVE on public.child and SHARE ROW EXCLUSIVE on public.parent, held until"
                + " the migration commits");
    assertThat(RuleExpectations.messages(report, "blocking-maintenance"))
        .containsExactly(
            "V2__dangerous.sql:16 rewrites materialized view public.mv under ACCESS EXCLUSIVE lock"
                + " (blocks reads and writes), held until the migration commits",
            "V6__vacuum.sql:1 rewrites table public.rw under ACCESS EXCLUSIVE lock (blocks reads"
                + " and writes)");
    assertThat(report.migrations())
        .extracting(LintReport.Migration::script, LintReport.Migration::transactional)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("V2__dangerous.sql", true),
            org.assertj.core.groups.Tuple.tuple("V3__safe.sql", true),
            org.assertj.core.groups.Tuple.tuple("V4__validate.sql", true),
            org.assertj.core.groups.Tuple.tuple("V5__concurrently.sql", false),
            org.assertj.core.groups.Tuple.tuple("V6__vacuum.sql", false),
            org.assertj.core.groups.Tuple.tuple("V7__refresh_concurrently.sql", true));
  }
}
