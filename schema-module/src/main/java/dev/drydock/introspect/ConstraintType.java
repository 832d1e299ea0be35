package dev.drydock.introspect;

/** The kinds of table constraint, as {@code pg_constraint.contype} encodes them. */
public enum ConstraintType {
  PRIMARY_KEY("PRIMARY KEY"),
  UNIQUE("UNIQUE"),
  EXCLUSION("EXCLUDE"),
  CHECK("CHECK"),
  FOREIGN_KEY("FOREIGN KEY");

  private final String sql;

  ConstraintType(String sql) {
    this.sql = sql;
  }

  /** The value of the {@link Attribute#TYPE} attribute, e.g. {@code FOREIGN KEY}. */
  public String sql() {
    return sql;
  }

  /** The type named by a constraint's {@link Attribute#TYPE} attribute. */
  public static ConstraintType of(String sql) {
    for (ConstraintType t : values()) {
      if (t.sql.equals(sql)) {
        return t;
      }
    }
    throw new IllegalArgumentException("Unknown constraint type: " + sql);
  }
}
