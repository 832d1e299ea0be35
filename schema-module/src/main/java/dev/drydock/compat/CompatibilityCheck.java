package dev.drydock.compat;

import dev.drydock.engine.Target;
import dev.drydock.engine.TargetRules;
import dev.drydock.migrate.Migrations;
import dev.drydock.migrate.ResolvedMigrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import javax.sql.DataSource;

/**
 * The compatibility of migrations with a {@link Target}: from each migration's statements (the
 * target's statement rules, and its transaction rules for a migration that runs in one
 * transaction), and from the catalog of the migrated throwaway (an FK or a trigger is in the
 * catalog whatever syntax created it).
 */
public final class CompatibilityCheck {

  /** Statements counted as DDL; a {@code DO} block may run anything, so it counts too. */
  private static final Set<String> DDL =
      Set.of("CREATE", "ALTER", "DROP", "COMMENT", "GRANT", "REVOKE", "TRUNCATE", "DO");

  private static final Set<String> DML = Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "COPY");

  private CompatibilityCheck() {}

  /** The findings of every migration file's statements and transaction, in file order. */
  public static List<Finding> statements(Target target, Migrations migrations) {
    List<Finding> findings = new ArrayList<>();
    // Flyway's own list, in Flyway's order, each with the name its history gives it
    for (ResolvedMigrations.Script resolved : migrations.resolved().all()) {
      String text;
      try {
        text = Files.readString(resolved.file(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      findings.addAll(
          statements(target.rules(), resolved.script(), text, resolved.executeInTransaction()));
    }
    return findings;
  }

  /**
   * The findings of one migration's text.
   *
   * @param inTransaction whether Flyway runs the whole file in one transaction
   */
  static List<Finding> statements(
      TargetRules rules, String file, String text, boolean inTransaction) {
    SqlScript script = new SqlScript(text);
    List<Finding> findings = new ArrayList<>();
    int ddl = 0;
    boolean wrote = false;
    Integer firstDml = null;
    Integer firstDdl = null;
    for (SqlScript.Statement s : script.statements()) {
      for (StatementRule rule : rules.statementRules()) {
        Matcher m = rule.pattern().matcher(s.masked());
        if (m.find()) {
          int at = m.start();
          while (at < m.end() && Character.isWhitespace(s.masked().charAt(at))) {
            at++; // a pattern anchored with ^\s* starts on the line before
          }
          at += s.offset();
          findings.add(
              new Finding(
                  rule.id(),
                  rule.severity(),
                  file,
                  script.lineOf(at),
                  rule.construct(),
                  script.firstLine(s, firstNonBlank(s)),
                  rule.limit(),
                  rule.link(),
                  rule.alternative()));
        }
      }
      if (!inTransaction) {
        continue;
      }
      String keyword = s.keyword();
      int line = script.lineOf(firstNonBlank(s));
      if (DDL.contains(keyword)) {
        ddl++;
        if (firstDdl == null) {
          firstDdl = line;
        }
        if (ddl == 2) {
          transaction(rules.oneDdlPerTransaction(), file, line, "a second DDL statement", script, s)
              .ifPresent(findings::add);
        }
        if (wrote) {
          transaction(rules.dmlBeforeDdl(), file, line, "DDL after a write", script, s)
              .ifPresent(findings::add);
        }
      } else if (DML.contains(keyword)) {
        wrote = true;
        if (firstDml == null) {
          firstDml = line;
        }
      }
    }
    if (inTransaction && firstDml != null && firstDdl != null && rules.ddlWithDml().isPresent()) {
      // named at the first statement of whichever kind came second
      TransactionRule r = rules.ddlWithDml().get();
      findings.add(
          new Finding(
              r.id(),
              r.severity(),
              file,
              Math.max(firstDdl, firstDml),
              "DDL and DML in one migration transaction",
              null,
              r.limit(),
              r.link(),
              r.alternative()));
    }
    findings.sort((a, b) -> Integer.compare(a.line(), b.line()));
    return findings;
  }

  private static Optional<Finding> transaction(
      Optional<TransactionRule> rule,
      String file,
      int line,
      String what,
      SqlScript script,
      SqlScript.Statement s) {
    return rule.map(
        r ->
            new Finding(
                r.id(),
                r.severity(),
                file,
                line,
                what + " in one migration transaction",
                script.firstLine(s, firstNonBlank(s)),
                r.limit(),
                r.link(),
                r.alternative()));
  }

  private static int firstNonBlank(SqlScript.Statement s) {
    int i = 0;
    while (i < s.masked().length() && Character.isWhitespace(s.masked().charAt(i))) {
      i++;
    }
    return s.offset() + i;
  }

  /** The findings of the target's catalog rules on the migrated database. */
  public static List<Finding> catalog(Target target, DataSource migrated) throws SQLException {
    List<Finding> findings = new ArrayList<>();
    try (Connection c = migrated.getConnection();
        Statement st = c.createStatement()) {
      for (CatalogRule rule : target.rules().catalogRules()) {
        try (ResultSet rs = st.executeQuery(rule.query())) {
          while (rs.next()) {
            findings.add(
                new Finding(
                    rule.id(),
                    rule.severity(),
                    null,
                    0,
                    rule.construct(),
                    rs.getString(1),
                    rule.limit(),
                    rule.link(),
                    rule.alternative()));
          }
        }
      }
    }
    return findings;
  }
}
