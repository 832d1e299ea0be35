package dev.drydock.diff;

import dev.drydock.introspect.Catalog;
import dev.drydock.introspect.CatalogObject;
import dev.drydock.introspect.ObjectId;
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

  public static DiffResult compare(Catalog expected, Catalog actual) {
    List<Difference> out = new ArrayList<>();
    TreeSet<ObjectId> ids = new TreeSet<>(expected.objects().keySet());
    ids.addAll(actual.objects().keySet());
    for (ObjectId id : ids) {
      CatalogObject e = expected.get(id);
      CatalogObject a = actual.get(id);
      if (e == null) {
        if (a.parent() == null || expected.contains(a.parent())) {
          out.add(new Difference(id, ChangeKind.ADDED, null, null, Summaries.of(a)));
        }
      } else if (a == null) {
        if (e.parent() == null || actual.contains(e.parent())) {
          out.add(new Difference(id, ChangeKind.REMOVED, null, Summaries.of(e), null));
        }
      } else {
        TreeSet<String> attributes = new TreeSet<>(e.attributes().keySet());
        attributes.addAll(a.attributes().keySet());
        for (String attribute : attributes) {
          String ev = e.attribute(attribute);
          String av = a.attribute(attribute);
          if (!Objects.equals(ev, av)) {
            out.add(new Difference(id, ChangeKind.CHANGED, attribute, ev, av));
          }
        }
      }
    }
    Collections.sort(out);
    return new DiffResult(out, expected, actual);
  }
}
