package dev.drydock.introspect;

/** PostgreSQL's one-letter catalog codes, decoded into the values the catalog compares. */
final class PgCodes {

  private PgCodes() {}

  /** {@code pg_proc.provolatile}. */
  static String volatility(String code) {
    return switch (code) {
      case "i" -> "IMMUTABLE";
      case "s" -> "STABLE";
      default -> "VOLATILE";
    };
  }

  /** {@code pg_proc.proparallel}. */
  static String parallel(String code) {
    return switch (code) {
      case "s" -> "SAFE";
      case "r" -> "RESTRICTED";
      default -> "UNSAFE";
    };
  }

  /** {@code pg_constraint.contype}. */
  static ConstraintType constraintType(String code) {
    return switch (code) {
      case "p" -> ConstraintType.PRIMARY_KEY;
      case "u" -> ConstraintType.UNIQUE;
      case "f" -> ConstraintType.FOREIGN_KEY;
      case "c" -> ConstraintType.CHECK;
      default -> ConstraintType.EXCLUSION;
    };
  }

  /** {@code pg_constraint.confdeltype} and {@code confupdtype}. */
  static String referentialAction(String code) {
    return switch (code) {
      case "r" -> "RESTRICT";
      case "c" -> "CASCADE";
      case "n" -> "SET NULL";
      case "d" -> "SET DEFAULT";
      default -> "NO ACTION";
    };
  }

  /** {@code pg_constraint.confmatchtype}. */
  static String match(String code) {
    return switch (code) {
      case "f" -> "FULL";
      case "p" -> "PARTIAL";
      default -> "SIMPLE";
    };
  }

  /** {@code pg_constraint.condeferrable} and {@code condeferred}. */
  static String deferrable(boolean deferrable, boolean deferred) {
    if (!deferrable) {
      return "NOT DEFERRABLE";
    }
    return deferred ? "INITIALLY DEFERRED" : "INITIALLY IMMEDIATE";
  }

  /** {@code pg_trigger.tgenabled}. */
  static String triggerEnabled(String code) {
    return switch (code) {
      case "D" -> "DISABLED";
      case "R" -> "REPLICA";
      case "A" -> "ALWAYS";
      default -> "ORIGIN";
    };
  }

  /** {@code pg_class.relpersistence} of a table. */
  static String persistence(String code) {
    return "u".equals(code) ? "UNLOGGED" : "LOGGED";
  }

  /** {@code pg_class.relkind} of a relation that has columns, indexes or triggers. */
  static ObjectKind relationKind(String code) {
    return switch (code) {
      case "v" -> ObjectKind.VIEW;
      case "m" -> ObjectKind.MATERIALIZED_VIEW;
      default -> ObjectKind.TABLE;
    };
  }
}
