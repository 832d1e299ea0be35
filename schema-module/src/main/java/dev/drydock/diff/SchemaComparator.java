package dev.drydock.diff;

import dev.drydock.introspect.Catalog;
import dev.drydock.introspect.CatalogObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Compares two catalogs object by object and attribute by attribute. An object missing on one side
 * is reported once: its columns, constraints, indexes... are not reported again.
 */
public final class SchemaComparator {

  private SchemaComparator() {}

  /** Linear in the number of objects: hashed lookups, then only the differences are sorted. */
  public static DiffResult compare(Catalog expected, Catalog actual) {
    List<Difference> out = new ArrayList<>();
    for (CatalogObject e : expected.objectsInAnyOrder()) {
      CatalogObject a = actual.get(e.id());
      if (a == null) {
        if (e.parent() == null || actual.contains(e.parent())) {
          out.add(new Difference(e.id(), ChangeKind.REMOVED, null, Summaries.of(e), null));
        }
      } else if (!e.attributes().equals(a.attributes())) {
        TreeSet<String> attributes = new TreeSet<>(e.attributes().keySet());
        attributes.addAll(a.attributes().keySet());
        for (String attribute : attributes) {
          String ev = e.attribute(attribute);
          String av = a.attribute(attribute);
          if (!Objects.equals(ev, av)) {
            out.add(new Difference(e.id(), ChangeKind.CHANGED, attribute, ev, av));
          }
        }
      }
    }
    for (CatalogObject a : actual.objectsInAnyOrder()) {
      if (!expected.contains(a.id()) && (a.parent() == null || expected.contains(a.parent()))) {
        out.add(new Difference(a.id(), ChangeKind.ADDED, null, null, Summaries.of(a)));
      }
    }
    Collections.sort(out);
    return new DiffResult(out, expected, actual);
  }
}
