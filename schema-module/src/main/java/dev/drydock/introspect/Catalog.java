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

/**
 * An immutable snapshot of the introspected part of one database, keyed by object identity. Lookups
 * are hashed; the sorted view ({@link #objects()}) is built on first use, as only the renderers
 * need it.
 */
public final class Catalog {

  private final SortedSet<String> schemas;
  private final IdentifierQuoting quoting;
  private final Map<ObjectId, CatalogObject> byId;
  private final Map<ObjectId, List<CatalogObject>> children;
  private SortedMap<ObjectId, CatalogObject> sorted;

  /**
   * A catalog not read from a server: names are always quoted ({@link IdentifierQuoting#ALWAYS}).
   */
  public Catalog(Collection<String> schemas, Collection<CatalogObject> objects) {
    this(schemas, objects, IdentifierQuoting.ALWAYS);
  }

  /**
   * @param quoting how the server the catalog was read from quotes names, for the SQL written about
   *     it
   */
  public Catalog(
      Collection<String> schemas, Collection<CatalogObject> objects, IdentifierQuoting quoting) {
    this.quoting = quoting;
    this.schemas = Collections.unmodifiableSortedSet(new TreeSet<>(schemas));
    Map<ObjectId, CatalogObject> map = new HashMap<>(objects.size() * 4 / 3 + 1);
    Map<ObjectId, List<CatalogObject>> kids = new HashMap<>();
    for (CatalogObject o : objects) {
      if (map.put(o.id(), o) != null) {
        throw new IllegalArgumentException("Duplicate object " + o.id());
      }
      if (o.parent() != null) {
        kids.computeIfAbsent(o.parent(), k -> new ArrayList<>()).add(o);
      }
    }
    this.byId = Collections.unmodifiableMap(map);
    this.children = kids;
  }

  /** {@code quote_ident} as the server this catalog was read from does it. */
  public IdentifierQuoting quoting() {
    return quoting;
  }

  /** The schemas that were introspected. */
  public SortedSet<String> schemas() {
    return schemas;
  }

  /** Every object, in {@link ObjectId} order (dependency order of kinds, then by name). */
  public synchronized SortedMap<ObjectId, CatalogObject> objects() {
    if (sorted == null) {
      sorted = Collections.unmodifiableSortedMap(new TreeMap<>(byId));
    }
    return sorted;
  }

  /** Every object, in no particular order: for lookups and comparisons that sort afterwards. */
  public Collection<CatalogObject> objectsInAnyOrder() {
    return byId.values();
  }

  public CatalogObject get(ObjectId id) {
    return byId.get(id);
  }

  public boolean contains(ObjectId id) {
    return byId.containsKey(id);
  }

  public int size() {
    return byId.size();
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
