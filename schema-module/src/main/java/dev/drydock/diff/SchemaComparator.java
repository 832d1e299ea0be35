package dev.drydock.diff;

import dev.drydock.introspect.Attribute;
import dev.drydock.introspect.Catalog;
import dev.drydock.introspect.CatalogObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
      } else if (!sameAttributes(e.attributes(), a.attributes())) {
        EnumSet<Attribute> attributes = EnumSet.noneOf(Attribute.class);
        attributes.addAll(e.attributes().keySet());
        attributes.addAll(a.attributes().keySet());
        for (Attribute attribute : attributes) {
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

  /**
   * Equal attribute maps, walked side by side: both iterate in {@link Attribute} order, so this
   * needs no lookups (most objects are equal, and this runs for every one of them).
   */
  private static boolean sameAttributes(Map<Attribute, String> x, Map<Attribute, String> y) {
    if (x.size() != y.size()) {
      return false;
    }
    Iterator<Map.Entry<Attribute, String>> i = x.entrySet().iterator();
    Iterator<Map.Entry<Attribute, String>> j = y.entrySet().iterator();
    while (i.hasNext()) {
      Map.Entry<Attribute, String> a = i.next();
      Map.Entry<Attribute, String> b = j.next();
      if (a.getKey() != b.getKey() || !Objects.equals(a.getValue(), b.getValue())) {
        return false;
      }
    }
    return true;
  }
}
