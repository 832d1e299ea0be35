package dev.drydock.introspect;

/** Properties of catalog objects that are not compared but that the SQL planner needs. */
public enum Detail {
  /** The object's quoted name: qualified for schema-level objects, bare for columns and such. */
  QNAME,
  /** An extension's quoted schema. */
  QSCHEMA,
  /** The quoted qualified name of the table a column, constraint, trigger or policy is on. */
  TABLE,
  /** The server's own DDL (functions, constraints, indexes, triggers) or a view's query. */
  DDL,
  /** A column's position in its table ({@code attnum}). */
  POSITION,
  /**
   * What a routine needs created before it, within the introspected schemas (other routines, the
   * tables and views it reads or whose row type it uses); read it with {@link
   * CatalogObject#dependsOn()}.
   */
  DEPENDS_ON
}
