package dev.drydock.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.lint.rules.Finding;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.snapshot.SnapshotSettings;
import dev.drydock.testing.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The fixture {@code lint/rules}: V1 is what production has; V2 holds one dangerous statement per
 * line; V3..V7 the safe ways to the same ends. Linted as new on top of V1, every rule must find
 * exactly the dangerous lines, and nothing in the safe migrations, on every major.
 */
final class RuleExpectations {

  private RuleExpectations() {}

  static LintReport lint(ProviderSettings provider) throws Exception {
    return Lint.configure()
        .provider(provider)
        .snapshots(SnapshotSettings.disabled())
        .migrations(Migrations.configure().location(Fixtures.resource("lint/rules")).build())
        .newMigrations(NewMigrations.since("1"))
        .build()
        .run();
  }

  /** Rule id → "V2:12" for each finding. */
  static Map<String, TreeSet<String>> byRule(LintReport report) {
    Map<String, TreeSet<String>> by = new TreeMap<>();
    for (LintReport.Reported r : report.findings()) {
      Finding f = r.finding();
      by.computeIfAbsent(f.rule(), k -> new TreeSet<>(RuleExpectations::byScriptAndLine))
          .add(f.script().substring(0, 2) + ":" + f.line());
    }
    return by;
  }

  private static int byScriptAndLine(String a, String b) {
    int c = a.substring(0, 2).compareTo(b.substring(0, 2));
    return c != 0
        ? c
        : Integer.compare(Integer.parseInt(a.substring(3)), Integer.parseInt(b.substring(3)));
  }

  static void assertEveryRule(LintReport report, int major) {
    assertThat(report.major()).isEqualTo(major);
    Map<String, TreeSet<String>> by = byRule(report);
    // V2:1 int -> bigint; V2:2 a volatile default; V2:12 varchar(50) -> varchar(10). Not V3's
    // constant and now() defaults, nor its varchar(20) -> varchar(40), nor VACUUM FULL (V6, its
    // own rule), nor the table created in V3
    assertThat(by.get("table-rewrite")).containsExactly("V2:1", "V2:2", "V2:12");
    // V2:3 SET NOT NULL, V2:4 a valid CHECK, V2:13 a NOT NULL column without default (checked
    // by a scan); not V4's SET NOT NULL after a validated CHECK ... NOT VALID, nor VALIDATE
    assertThat(by.get("scan-under-lock")).containsExactly("V2:3", "V2:4", "V2:13");
    // CREATE INDEX, ADD CONSTRAINT UNIQUE, REINDEX; not V5's CREATE INDEX CONCURRENTLY, nor V3's
    // index on a new table
    assertThat(by.get("blocking-index-build")).containsExactly("V2:5", "V2:6", "V2:7");
    assertThat(by.get("blocking-index-drop")).containsExactly("V2:8");
    // a validated FK; not V3's NOT VALID one nor its VALIDATE in V4
    assertThat(by.get("foreign-key-lock")).containsExactly("V2:9");
    assertThat(by.get("incompatible-change"))
        .containsExactly("V2:10", "V2:11", "V2:12", "V2:13", "V2:14", "V2:15");
    assertThat(by.get("blocking-maintenance")).containsExactly("V2:16", "V6:1");
    // V5 runs outside a transaction under Flyway's transactional lock (on by default); not V7's
    // REFRESH ... CONCURRENTLY, which PostgreSQL runs inside one
    assertThat(by.get("concurrently-in-transaction")).containsExactly("V5:1");
    // each first blocking lock on an existing table in V2; never after SET lock_timeout
    assertThat(by.get("lock-timeout"))
        .containsExactly(
            "V2:1", "V2:3", "V2:5", "V2:6", "V2:9", "V2:10", "V2:14", "V2:15", "V2:16");
    // V3 and V2 take blocking locks and go on; V4 takes its only one last
    assertThat(by.get("lock-held"))
        .containsExactly(
            "V2:1", "V2:3", "V2:5", "V2:9", "V2:10", "V2:14", "V2:15", "V3:2", "V3:5", "V3:6",
            "V3:7");
    assertThat(by.keySet())
        .containsExactlyInAnyOrder(
            "table-rewrite",
            "scan-under-lock",
            "blocking-index-build",
            "blocking-index-drop",
            "foreign-key-lock",
            "incompatible-change",
            "blocking-maintenance",
            "concurrently-in-transaction",
            "lock-timeout",
            "lock-held");
  }

  static List<String> messages(LintReport report, String rule) {
    return report.of(rule).stream().map(f -> f.where() + " " + f.message()).toList();
  }
}
