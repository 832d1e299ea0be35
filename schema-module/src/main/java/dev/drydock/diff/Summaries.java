package dev.drydock.diff;

import dev.drydock.introspect.CatalogObject;

/** One-line descriptions of whole objects, used as the value of ADDED and REMOVED differences. */
final class Summaries {
  private Summaries() {}

  static String of(CatalogObject o) {
    return switch (o.kind()) {
      case COLUMN -> column(o);
      case CONSTRAINT, INDEX, TRIGGER -> o.detail("ddl");
      case ENUM -> "ENUM (" + o.attribute("values") + ")";
      case DOMAIN -> "DOMAIN AS " + o.attribute("type");
      case FUNCTION -> "FUNCTION RETURNS " + o.attribute("returns");
      case VIEW, MATERIALIZED_VIEW -> o.attribute("definition");
      case TABLE ->
          o.attribute("partition_of") != null
              ? "PARTITION OF " + o.attribute("partition_of") + " " + o.attribute("partition_bound")
              : o.attribute("partition_key") != null
                  ? "TABLE PARTITION BY " + o.attribute("partition_key")
                  : "TABLE";
      case POLICY ->
          o.attribute("permissive")
              + " FOR "
              + o.attribute("command")
              + " TO "
              + o.attribute("roles")
              + (o.attribute("using") == null ? "" : " USING (" + o.attribute("using") + ")")
              + (o.attribute("with_check") == null
                  ? ""
                  : " WITH CHECK (" + o.attribute("with_check") + ")");
      case SEQUENCE -> "SEQUENCE AS " + o.attribute("type");
      case EXTENSION -> "EXTENSION IN SCHEMA " + o.attribute("schema");
      default -> o.kind().label().toUpperCase(java.util.Locale.ROOT);
    };
  }

  static String column(CatalogObject c) {
    StringBuilder sb = new StringBuilder(c.attribute("type"));
    if (c.attribute("collation") != null) {
      sb.append(" COLLATE ").append(c.attribute("collation"));
    }
    if (c.attribute("generated") != null) {
      sb.append(" GENERATED ALWAYS AS (").append(c.attribute("generated")).append(") STORED");
    }
    if (c.attribute("default") != null) {
      sb.append(" DEFAULT ").append(c.attribute("default"));
    }
    if ("true".equals(c.attribute("not_null"))) {
      sb.append(" NOT NULL");
    }
    if (c.attribute("identity") != null) {
      sb.append(" GENERATED ").append(c.attribute("identity")).append(" AS IDENTITY");
    }
    return sb.toString();
  }
}
