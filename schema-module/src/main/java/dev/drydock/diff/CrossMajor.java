package dev.drydock.diff;

import dev.drydock.introspect.Attribute;
import dev.drydock.introspect.Catalog;
import dev.drydock.introspect.CatalogObject;
import dev.drydock.introspect.ConstraintType;
import dev.drydock.introspect.Detail;
import dev.drydock.introspect.IdentifierQuoting;
import dev.drydock.introspect.ObjectId;
import dev.drydock.introspect.ObjectKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A fair comparison when the migrations ran on another PostgreSQL major than the live server's:
 * text the server deparses (view definitions, column defaults, check constraints, index
 * definitions, policy expressions) is re-read on the throwaway, where the live side's text is
 * applied to the migrated objects in a transaction that is rolled back; a difference that the
 * throwaway prints the same way was only the majors' and is dropped. Privileges one major lacks
 * (PostgreSQL 17's {@code MAINTAIN}) are left out of both sides.
 */
final class CrossMajor {

  /** What stays compared as each server prints it: listed under "Not compared". */
  static final String NOT_RE_READ =
      "with PostgreSQL majors that differ: function bodies, trigger definitions, generated columns"
          + " and partition bounds are compared as each server prints them";

  private static final Pattern MAINTAIN = Pattern.compile(":MAINTAIN( WITH GRANT OPTION)?$");

  private CrossMajor() {}

  /**
   * {@code result} without the differences that only the majors make; {@code throwaway} is a
   * connection to the migrated database (left as it was).
   */
  static DiffResult reconcile(
      DiffResult result, Connection throwaway, int expectedMajor, int liveMajor)
      throws SQLException {
    boolean maintainDiffers =
        Math.min(expectedMajor, liveMajor) < 17 && Math.max(expectedMajor, liveMajor) >= 17;
    Catalog expected = maintainDiffers ? withoutMaintain(result.expected()) : result.expected();
    Catalog actual = maintainDiffers ? withoutMaintain(result.actual()) : result.actual();
    DiffResult first = SchemaComparator.compare(expected, actual);
    Map<ObjectId, CatalogObject> replaced = new LinkedHashMap<>();
    boolean autoCommit = throwaway.getAutoCommit();
    throwaway.setAutoCommit(false);
    try (Statement st = throwaway.createStatement()) {
      st.execute("SET LOCAL search_path = pg_catalog");
      for (Difference d : first.differences()) {
        if (d.change() != ChangeKind.CHANGED || d.attribute() == null) {
          continue;
        }
        CatalogObject exp = expected.get(d.id());
        CatalogObject act = replaced.getOrDefault(d.id(), actual.get(d.id()));
        Optional<String> reread = reRead(throwaway, expected.quoting(), exp, act, d.attribute());
        if (reread.isPresent() && reread.get().equals(raw(exp, d.attribute()))) {
          Map<Attribute, String> attributes = new EnumMap<>(Attribute.class);
          attributes.putAll(act.attributes());
          attributes.put(d.attribute(), exp.attribute(d.attribute()));
          if (d.id().kind() == ObjectKind.INDEX) {
            attributes.put(Attribute.COLUMNS, exp.attribute(Attribute.COLUMNS));
            attributes.put(Attribute.PREDICATE, exp.attribute(Attribute.PREDICATE));
          }
          replaced.put(
              d.id(), new CatalogObject(act.id(), act.parent(), attributes, act.details()));
        }
      }
    } finally {
      throwaway.rollback();
      throwaway.setAutoCommit(autoCommit);
    }
    if (replaced.isEmpty()) {
      return first;
    }
    List<CatalogObject> objects = new ArrayList<>();
    for (CatalogObject o : actual.objectsInAnyOrder()) {
      objects.add(replaced.getOrDefault(o.id(), o));
    }
    return SchemaComparator.compare(expected, new Catalog(actual.schemas(), objects));
  }

  /** The text as the throwaway's server first printed it, where re-reading compares it. */
  private static String raw(CatalogObject o, Attribute attribute) {
    return switch (o.kind()) {
      case VIEW, MATERIALIZED_VIEW, INDEX -> o.detailOrNull(Detail.DDL);
      default -> o.attribute(attribute);
    };
  }

  /** The live side's text of {@code attribute} as the throwaway prints it; empty if not re-read. */
  private static Optional<String> reRead(
      Connection c,
      IdentifierQuoting quoting,
      CatalogObject expected,
      CatalogObject live,
      Attribute attribute)
      throws SQLException {
    List<String> path = live.id().path();
    String value = live.attribute(attribute);
    if (value == null || expected.attribute(attribute) == null) {
      return Optional.empty();
    }
    Savepoint savepoint = c.setSavepoint();
    try {
      Optional<String> text =
          switch (live.kind()) {
            case VIEW, MATERIALIZED_VIEW ->
                attribute == Attribute.DEFINITION
                    ? Optional.ofNullable(live.detailOrNull(Detail.DDL))
                        .map(
                            ddl ->
                                query(
                                    c,
                                    "CREATE TEMP VIEW drydock_reread AS " + ddl,
                                    "SELECT pg_get_viewdef('pg_temp.drydock_reread'::regclass,"
                                        + " true)"))
                    : Optional.empty();
            case COLUMN ->
                attribute == Attribute.DEFAULT
                    ? Optional.of(
                        query(
                            c,
                            "ALTER TABLE "
                                + quoting.qualified(path.get(0), path.get(1))
                                + " ALTER COLUMN "
                                + quoting.quote(path.get(2))
                                + " SET DEFAULT "
                                + value,
                            "SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d"
                                + " JOIN pg_attribute a ON a.attrelid = d.adrelid"
                                + " AND a.attnum = d.adnum WHERE d.adrelid = "
                                + literal(quoting.qualified(path.get(0), path.get(1)))
                                + "::regclass AND a.attname = "
                                + literal(path.get(2))))
                    : Optional.empty();
            case CONSTRAINT ->
                attribute == Attribute.DEFINITION
                        && live.constraintType() == ConstraintType.CHECK
                        && !value.endsWith(" NOT VALID")
                    ? Optional.of(
                            query(
                                c,
                                "ALTER TABLE "
                                    + quoting.qualified(path.get(0), path.get(1))
                                    + " ADD CONSTRAINT drydock_reread "
                                    + value
                                    + " NOT VALID",
                                "SELECT pg_get_constraintdef(oid, true) FROM pg_constraint"
                                    + " WHERE conname = 'drydock_reread' AND conrelid = "
                                    + literal(quoting.qualified(path.get(0), path.get(1)))
                                    + "::regclass"))
                        .map(def -> def.replaceFirst(" NOT VALID$", ""))
                    : Optional.empty();
            case INDEX ->
                (attribute == Attribute.COLUMNS || attribute == Attribute.PREDICATE)
                        && live.detailOrNull(Detail.DDL) != null
                    ? Optional.of(
                        query(
                            c,
                            "DROP INDEX "
                                + expected.detail(Detail.QNAME)
                                + "; "
                                + live.detail(Detail.DDL),
                            "SELECT pg_get_indexdef("
                                + literal(expected.detail(Detail.QNAME))
                                + "::regclass)"))
                    : Optional.empty();
            case POLICY ->
                attribute == Attribute.USING || attribute == Attribute.WITH_CHECK
                    ? Optional.of(
                        query(
                            c,
                            "ALTER POLICY "
                                + live.detail(Detail.QNAME)
                                + " ON "
                                + live.detail(Detail.TABLE)
                                + (attribute == Attribute.USING ? " USING (" : " WITH CHECK (")
                                + value
                                + ")",
                            "SELECT pg_get_expr("
                                + (attribute == Attribute.USING ? "polqual" : "polwithcheck")
                                + ", polrelid) FROM pg_policy WHERE polname = "
                                + literal(path.get(2))
                                + " AND polrelid = "
                                + literal(live.detail(Detail.TABLE))
                                + "::regclass"))
                    : Optional.empty();
            default -> Optional.empty();
          };
      return text;
    } catch (IllegalStateException e) {
      return Optional.empty();
    } finally {
      c.rollback(savepoint);
    }
  }

  private static String query(Connection c, String change, String read) {
    try (Statement st = c.createStatement()) {
      st.execute(change);
      try (PreparedStatement ps = c.prepareStatement(read);
          ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("nothing re-read");
        }
        return rs.getString(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  /** {@code catalog} with no {@code MAINTAIN} privilege in any privilege set. */
  private static Catalog withoutMaintain(Catalog catalog) {
    List<CatalogObject> objects = new ArrayList<>();
    for (CatalogObject o : catalog.objectsInAnyOrder()) {
      String privileges = o.attribute(Attribute.PRIVILEGES);
      if (privileges == null || !privileges.contains(":MAINTAIN")) {
        objects.add(o);
        continue;
      }
      String kept =
          String.join(
              ", ",
              Arrays.stream(privileges.split(", "))
                  .filter(entry -> !MAINTAIN.matcher(entry).find())
                  .toList());
      Map<Attribute, String> attributes = new EnumMap<>(Attribute.class);
      attributes.putAll(o.attributes());
      attributes.put(Attribute.PRIVILEGES, kept.isEmpty() ? null : kept);
      objects.add(new CatalogObject(o.id(), o.parent(), attributes, o.details()));
    }
    return new Catalog(catalog.schemas(), objects);
  }
}
