package dev.drydock.introspect;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One introspected object.
 *
 * @param id stable identity
 * @param parent the object this one belongs to (a column's table, a table's schema), or null
 * @param attributes the compared properties, already normalised (null values mean "none")
 * @param details properties that are not compared but that the SQL renderer needs, such as the
 *     quoted qualified name ({@code qname}) or the server's own DDL ({@code ddl})
 */
public record CatalogObject(
    ObjectId id,
    ObjectId parent,
    SortedMap<String, String> attributes,
    Map<String, String> details) {

  public CatalogObject {
    Objects.requireNonNull(id, "id");
    attributes = Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
    details = Map.copyOf(details);
  }

  public ObjectKind kind() {
    return id.kind();
  }

  public String name() {
    return id.name();
  }

  public String attribute(String name) {
    return attributes.get(name);
  }

  /** A detail; throws if absent, as details are always filled by the introspector. */
  public String detail(String name) {
    String value = details.get(name);
    if (value == null) {
      throw new IllegalStateException(id + " has no detail " + name);
    }
    return value;
  }

  public String detailOrNull(String name) {
    return details.get(name);
  }
}
