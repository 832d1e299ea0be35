package dev.drydock.diff.sql;

import dev.drydock.diff.ChangeKind;
import dev.drydock.diff.DiffResult;
import dev.drydock.diff.Difference;
import dev.drydock.introspect.Catalog;
import dev.drydock.introspect.CatalogObject;
import dev.drydock.introspect.Detail;
import dev.drydock.introspect.IdentifierQuoting;
import dev.drydock.introspect.ObjectId;
import dev.drydock.introspect.ObjectKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Objects that differ only by name: a table, column, index or constraint only in the live database
 * that is the same as one only in the migrations, next to it (same schema or table), with no other
 * candidate on either side. They are renamed ({@code ALTER ... RENAME}, data kept) instead of
 * dropped and created.
 */
final class Renames {

  private static final Set<ObjectKind> RENAMEABLE =
      Set.of(ObjectKind.TABLE, ObjectKind.COLUMN, ObjectKind.INDEX, ObjectKind.CONSTRAINT);

  /**
   * @param from the live object
   * @param to the object the migrations have instead
   */
  record Rename(CatalogObject from, CatalogObject to) {}

  private Renames() {}

  /**
   * The declared renames that apply to {@code result}: the old object only on the actual side, the
   * new one only on the expected side, same kind and same place (schema or table). Their shapes are
   * not compared: whatever else differs after the rename is for the caller to see. Declarations
   * that do not apply (made already, or stale) are left out.
   */
  static List<Rename> declared(DiffResult result, List<DeclaredRename> declared) {
    Set<ObjectId> added = new java.util.HashSet<>();
    Set<ObjectId> removed = new java.util.HashSet<>();
    for (Difference d : result.differences()) {
      if (d.change() == ChangeKind.ADDED) {
        added.add(d.id());
      } else if (d.change() == ChangeKind.REMOVED) {
        removed.add(d.id());
      }
    }
    List<Rename> out = new ArrayList<>();
    for (DeclaredRename r : declared) {
      if (!RENAMEABLE.contains(r.from().kind())
          || r.from().kind() != r.to().kind()
          || !added.contains(r.from())
          || !removed.contains(r.to())) {
        continue;
      }
      CatalogObject from = result.actual().get(r.from());
      CatalogObject to = result.expected().get(r.to());
      if (Objects.equals(from.parent(), to.parent())) {
        out.add(new Rename(from, to));
      }
    }
    return out;
  }

  static List<Rename> detect(DiffResult result) {
    Map<List<Object>, List<CatalogObject>> added = new HashMap<>();
    Map<List<Object>, List<CatalogObject>> removed = new HashMap<>();
    for (Difference d : result.differences()) {
      if (!RENAMEABLE.contains(d.objectKind()) || d.change() == ChangeKind.CHANGED) {
        continue;
      }
      boolean live = d.change() == ChangeKind.ADDED;
      CatalogObject o = (live ? result.actual() : result.expected()).get(d.id());
      (live ? added : removed)
          .computeIfAbsent(Arrays.asList(o.kind(), o.parent()), k -> new ArrayList<>())
          .add(o);
    }
    List<Rename> out = new ArrayList<>();
    added.forEach(
        (place, from) -> {
          List<CatalogObject> to = removed.get(place);
          if (from.size() == 1
              && to != null
              && to.size() == 1
              && sameShape(from.get(0), result.actual(), to.get(0), result.expected())) {
            out.add(new Rename(from.get(0), to.get(0)));
          }
        });
    return out;
  }

  /** Equal attributes; for tables, also the same columns with equal attributes. */
  private static boolean sameShape(
      CatalogObject from, Catalog actual, CatalogObject to, Catalog expected) {
    if (!from.attributes().equals(to.attributes())) {
      return false;
    }
    if (from.kind() != ObjectKind.TABLE) {
      return true;
    }
    Map<String, CatalogObject> fromColumns = columns(actual, from.id());
    Map<String, CatalogObject> toColumns = columns(expected, to.id());
    if (!fromColumns.keySet().equals(toColumns.keySet())) {
      return false;
    }
    return fromColumns.entrySet().stream()
        .allMatch(
            e -> Objects.equals(e.getValue().attributes(), toColumns.get(e.getKey()).attributes()));
  }

  private static Map<String, CatalogObject> columns(Catalog catalog, ObjectId table) {
    Map<String, CatalogObject> out = new HashMap<>();
    for (CatalogObject c : catalog.children(table)) {
      if (c.kind() == ObjectKind.COLUMN) {
        out.put(c.id().localName(), c);
      }
    }
    return out;
  }

  /** The note before the rename, naming the drop-and-create alternative. */
  static String note(Rename r) {
    return r.from().id()
        + " is "
        + r.to().id()
        + " under another name; renamed, its data kept."
        + "\nThe alternative (diff --no-renames) drops "
        + r.from().id()
        + " and creates "
        + r.to().id()
        + " empty.";
  }

  /** The rename. */
  static String sql(Rename r, IdentifierQuoting quoting) {
    CatalogObject from = r.from();
    CatalogObject to = r.to();
    String newName = quoting.quote(to.id().localName());
    String rename =
        switch (from.kind()) {
          case TABLE -> "ALTER TABLE " + from.detail(Detail.QNAME) + " RENAME TO " + newName;
          case COLUMN ->
              "ALTER TABLE "
                  + from.detail(Detail.TABLE)
                  + " RENAME COLUMN "
                  + from.detail(Detail.QNAME)
                  + " TO "
                  + newName;
          case INDEX -> "ALTER INDEX " + from.detail(Detail.QNAME) + " RENAME TO " + newName;
          case CONSTRAINT ->
              "ALTER TABLE "
                  + from.detail(Detail.TABLE)
                  + " RENAME CONSTRAINT "
                  + from.detail(Detail.QNAME)
                  + " TO "
                  + newName;
          default -> throw new IllegalArgumentException("Cannot rename " + from.id());
        };
    return rename + ";";
  }
}
