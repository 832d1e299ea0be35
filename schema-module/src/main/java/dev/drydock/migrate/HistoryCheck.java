package dev.drydock.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/** Flyway's history table against the migration files: what {@code drydock check} reports. */
public final class HistoryCheck {

  /** One finding about one migration; {@code detail} may be null. */
  public record Finding(String problem, String migration, String detail) {}

  /** The result: how many migrations are applied, and every problem found. */
  public record Report(long applied, List<Finding> findings) {
    public Report {
      findings = List.copyOf(findings);
    }

    public boolean inStep() {
      return findings.isEmpty();
    }
  }

  private HistoryCheck() {}

  static Report of(List<MigrationInfo> all) {
    // Flyway's schema-creation marker (a non-public schema) is a history row, not a migration
    long applied = all.stream().filter(m -> m.isApplied() && !m.getType().isSynthetic()).count();
    return new Report(applied, findings(all));
  }

  private static List<Finding> findings(List<MigrationInfo> all) {
    List<Finding> out = new ArrayList<>();
    // a changed repeatable migration is two entries, the applied one OUTDATED and the file PENDING
    Set<String> outdated =
        all.stream()
            .filter(m -> m.getState() == MigrationState.OUTDATED)
            .map(MigrationInfo::getDescription)
            .collect(Collectors.toSet());
    for (MigrationInfo m : all) {
      String name = name(m);
      MigrationState state = m.getState();
      if (state == MigrationState.PENDING
          && m.getVersion() == null
          && outdated.contains(m.getDescription())) {
        continue;
      }
      if (state.isFailed()) {
        out.add(new Finding("failed", name, "fix the database and repair the history"));
      } else if (state == MigrationState.PENDING || state == MigrationState.OUTDATED) {
        out.add(
            new Finding(
                "pending", name, state == MigrationState.OUTDATED ? "repeatable changed" : null));
      } else if (state == MigrationState.MISSING_SUCCESS
          || state == MigrationState.FUTURE_SUCCESS) {
        out.add(new Finding("applied but missing", name, "no such file"));
      } else if (state == MigrationState.IGNORED) {
        out.add(new Finding("ignored (out of order)", name, null));
      } else if (m.isApplied() && m.getResolvedChecksum() != null && !m.isChecksumMatching()) {
        out.add(
            new Finding(
                "checksum changed",
                name,
                "applied " + m.getAppliedChecksum() + ", file " + m.getResolvedChecksum()));
      } else {
        FlywayInternals.descriptionChange(m)
            .ifPresent(
                d ->
                    out.add(
                        new Finding(
                            "description changed",
                            name,
                            "applied '" + d[0] + "', file '" + d[1] + "'")));
      }
    }
    return out;
  }

  private static String name(MigrationInfo m) {
    return FlywayInternals.resolvedScript(m)
        .orElseGet(
            () ->
                m.getScript() != null && m.getScript().endsWith(".sql")
                    ? m.getScript()
                    : (m.getVersion() == null ? "R" : "V" + m.getVersion())
                        + " "
                        + m.getDescription());
  }
}
