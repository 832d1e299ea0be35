package dev.drydock.lint;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules of {@link LintRulesTest} on PostgreSQL 15 and 18: what each statement does is observed
 * on that major (the scan signal, {@code pg_stat_xact_user_tables}, included), never assumed.
 */
@Tag("reliability")
class LintRulesAcrossMajorsTest {

  @ParameterizedTest(name = "PostgreSQL {0}")
  @ValueSource(ints = {15, 18})
  void eachRuleFiresOnTheDangerousFormAndNotOnTheSafeOne(int major) throws Exception {
    // given V1 as what production has, when V2..V7 are linted as new on this major
    LintReport report = RuleExpectations.lint(LintServers.major(major, LintTestCache.dir()));

    // then every rule finds exactly the dangerous statements
    RuleExpectations.assertEveryRule(report, major);
  }
}
