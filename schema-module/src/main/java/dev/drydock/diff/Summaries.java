package dev.drydock.diff;

import dev.drydock.introspect.Attribute;
import dev.drydock.introspect.CatalogObject;
import dev.drydock.introspect.Detail;

/** One-line descriptions of whole objects, used as the value of ADDED and REMOVED differences. */
public final class Summaries {
  private Summaries() {}

  /** The whole object in one line, e.g. {@code SEQUENCE AS bigint}. */
  public static String of(CatalogObject o) {
    return switch (o.kind()) {
      case COLUMN -> column(o);
      case CONSTRAINT, INDEX, TRIGGER -> o.detail(Detail.DDL);
      case ENUM -> "ENUM (" + o.attribute(Attribute.VALUES) + ")";
      case DOMAIN -> "DOMAIN AS " + o.attribute(Attribute.TYPE);
      case FUNCTION -> "FUNCTION RETURNS " + o.attribute(Attribute.RETURNS);
      case VIEW, MATERIALIZED_VIEW -> o.attribute(Attribute.DEFINITION);
      case TABLE ->
          o.attribute(Attribute.PARTITION_OF) != null
              ? "PARTITION OF "
                  + o.attribute(Attribute.PARTITION_OF)
                  + " "
                  + o.attribute(Attribute.PARTITION_BOUND)
              : o.attribute(Attribute.PARTITION_KEY) != null
                  ? "TABLE PARTITION BY " + o.attribute(Attribute.PARTITION_KEY)
                  : "TABLE";
      case POLICY ->
          o.attribute(Attribute.PERMISSIVE)
              + " FOR "
              + o.attribute(Attribute.COMMAND)
              + " TO "
              + o.attribute(Attribute.ROLES)
              + (o.attribute(Attribute.USING) == null
                  ? ""
                  : " USING (" + o.attribute(Attribute.USING) + ")")
              + (o.attribute(Attribute.WITH_CHECK) == null
                  ? ""
                  : " WITH CHECK (" + o.attribute(Attribute.WITH_CHECK) + ")");
      case SEQUENCE -> "SEQUENCE AS " + o.attribute(Attribute.TYPE);
      case EXTENSION -> "EXTENSION IN SCHEMA " + o.attribute(Attribute.SCHEMA);
      default -> o.kind().label().toUpperCase(java.util.Locale.ROOT);
    };
  }

  /** A column's definition as in {@code CREATE TABLE}: type, collation, default, identity. */
  public static String column(CatalogObject c) {
    StringBuilder sb = new StringBuilder(c.attribute(Attribute.TYPE));
    if (c.attribute(Attribute.COLLATION) != null) {
      sb.append(" COLLATE ").append(c.attribute(Attribute.COLLATION));
    }
    if (c.attribute(Attribute.GENERATED) != null) {
      sb.append(" GENERATED ALWAYS AS (")
          .append(c.attribute(Attribute.GENERATED))
          .append(") STORED");
    }
    if (c.attribute(Attribute.DEFAULT) != null) {
      sb.append(" DEFAULT ").append(c.attribute(Attribute.DEFAULT));
    }
    if (c.flag(Attribute.NOT_NULL)) {
      sb.append(" NOT NULL");
    }
    if (c.attribute(Attribute.IDENTITY) != null) {
      sb.append(" GENERATED ").append(c.attribute(Attribute.IDENTITY)).append(" AS IDENTITY");
    }
    return sb.toString();
  }
}
