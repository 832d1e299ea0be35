package dev.drydock.lint;

import dev.drydock.lint.rules.Finding;
import dev.drydock.lint.rules.LintRule;
import dev.drydock.lint.rules.Severity;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code drydock lint} found.
 *
 * @param serverVersion the throwaway's {@code server_version_num} (the major the rules observed)
 * @param startedFrom where the throwaway came from, e.g. {@code snapshot V1..V199}
 * @param liveDatabase true when sizes came from a live database
 * @param migrations the new migrations, in the order applied
 * @param findings every finding, allowed ones included
 * @param rules the rules that ran
 */
public record LintReport(
    int serverVersion,
    String startedFrom,
    boolean liveDatabase,
    List<Migration> migrations,
    List<Reported> findings,
    List<LintRule> rules) {

  public LintReport {
    migrations = List.copyOf(migrations);
    findings = List.copyOf(findings);
    rules = List.copyOf(rules);
  }

  /** A new migration: its file, whether Flyway ran it in a transaction, its statements. */
  public record Migration(String script, Path file, boolean transactional, int statements) {}

  /**
   * A finding with what production says about its relations, and why it is allowed (null when it is
   * not).
   */
  public record Reported(Finding finding, List<LiveRelation> live, String allowedBecause) {
    public Reported {
      live = List.copyOf(live);
    }

    public boolean allowed() {
      return allowedBecause != null;
    }
  }

  /** The major version, e.g. 17. */
  public int major() {
    return serverVersion / 10000;
  }

  /** Findings not allowed at {@code threshold} or above. */
  public List<Reported> failing(Severity threshold) {
    return findings.stream()
        .filter(r -> !r.allowed())
        .filter(r -> r.finding().severity().compareTo(threshold) >= 0)
        .toList();
  }

  /** Findings of rule {@code id}, allowed or not. */
  public List<Finding> of(String id) {
    return findings.stream().map(Reported::finding).filter(f -> f.rule().equals(id)).toList();
  }
}
