package dev.drydock.introspect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** An immutable snapshot of the introspected part of one database, keyed by object identity. */
public final class Catalog {

  private final SortedSet<String> schemas;
  private final SortedMap<ObjectId, CatalogObject> objects;
  private final Map<ObjectId, List<CatalogObject>> children;

  public Catalog(Collection<String> schemas, Collection<CatalogObject> objects) {
    this.schemas = Collections.unmodifiableSortedSet(new TreeSet<>(schemas));
    SortedMap<ObjectId, CatalogObject> map = new TreeMap<>();
    Map<ObjectId, List<CatalogObject>> kids = new HashMap<>();
    for (CatalogObject o : objects) {
      if (map.put(o.id(), o) != null) {
        throw new IllegalArgumentException("Duplicate object " + o.id());
      }
      if (o.parent() != null) {
        kids.computeIfAbsent(o.parent(), k -> new ArrayList<>()).add(o);
      }
    }
    this.objects = Collections.unmodifiableSortedMap(map);
    this.children = kids;
  }

  /** The schemas that were introspected. */
  public SortedSet<String> schemas() {
    return schemas;
  }

  public SortedMap<ObjectId, CatalogObject> objects() {
    return objects;
  }

  public CatalogObject get(ObjectId id) {
    return objects.get(id);
  }

  public boolean contains(ObjectId id) {
    return objects.containsKey(id);
  }

  public int size() {
    return objects.size();
  }

  /** Direct children (columns, constraints, ... of a table; top-level objects of a schema). */
  public List<CatalogObject> children(ObjectId parent) {
    return children.getOrDefault(parent, List.of());
  }

  /** All descendants of {@code root}, depth first, not including the root. */
  public List<CatalogObject> descendants(ObjectId root) {
    List<CatalogObject> out = new ArrayList<>();
    for (CatalogObject child : children(root)) {
      out.add(child);
      out.addAll(descendants(child.id()));
    }
    return out;
  }
}
