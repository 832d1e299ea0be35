package dev.drydock.compat;

import java.util.Objects;

/**
 * One construct of the migrations that the target engine refuses or treats differently.
 *
 * @param rule the rule's id, e.g. {@code dsql-foreign-key}
 * @param file the migration file (its name), or {@code null} for a catalog finding
 * @param line the 1-based line of the statement's construct; 0 for a catalog finding
 * @param subject what was found: the statement's first line, or the catalog object
 * @param limit the engine's limit, as its documentation says it
 */
public record Finding(
    String rule,
    Severity severity,
    String file,
    int line,
    String construct,
    String subject,
    String limit,
    String link,
    String alternative) {

  public Finding {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
  }

  /** Where: {@code V2__x.sql:4}, or {@code catalog}. */
  public String location() {
    return file == null ? "catalog" : file + ":" + line;
  }

  /**
   * One line: {@code V2__x.sql:4: error dsql-foreign-key: foreign key ... (limit; link) -> alt}.
   */
  public String describe() {
    return location()
        + ": "
        + severity.label()
        + " "
        + rule
        + ": "
        + construct
        + (subject == null ? "" : " (" + subject + ")")
        + ": \""
        + limit
        + "\" "
        + link
        + "; instead: "
        + alternative;
  }
}
