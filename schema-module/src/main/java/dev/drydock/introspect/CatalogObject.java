package dev.drydock.introspect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One introspected object.
 *
 * @param id stable identity
 * @param parent the object this one belongs to (a column's table, a table's schema), or null
 * @param attributes the compared properties, already normalised (null values mean "none"), iterated
 *     in {@link Attribute} order
 * @param details properties that are not compared but that the SQL planner needs, such as the
 *     quoted qualified name ({@link Detail#QNAME}) or the server's own DDL ({@link Detail#DDL})
 */
public record CatalogObject(
    ObjectId id, ObjectId parent, Map<Attribute, String> attributes, Map<Detail, String> details) {

  public CatalogObject {
    Objects.requireNonNull(id, "id");
    attributes = Collections.unmodifiableMap(copy(attributes, Attribute.class));
    details = Collections.unmodifiableMap(copy(details, Detail.class));
  }

  private static <K extends Enum<K>> EnumMap<K, String> copy(Map<K, String> map, Class<K> type) {
    return map.isEmpty() ? new EnumMap<>(type) : new EnumMap<>(map);
  }

  public ObjectKind kind() {
    return id.kind();
  }

  public String name() {
    return id.name();
  }

  public String attribute(Attribute name) {
    return attributes.get(name);
  }

  /** A boolean attribute ({@code "true"}/{@code "false"}); false when absent. */
  public boolean flag(Attribute name) {
    return "true".equals(attributes.get(name));
  }

  /** A constraint's type; only for {@link ObjectKind#CONSTRAINT}. */
  public ConstraintType constraintType() {
    return ConstraintType.of(attribute(Attribute.TYPE));
  }

  /** A detail; throws if absent, as details are always filled by the introspector. */
  public String detail(Detail name) {
    String value = details.get(name);
    if (value == null) {
      throw new IllegalStateException(id + " has no detail " + name);
    }
    return value;
  }

  public String detailOrNull(Detail name) {
    return details.get(name);
  }

  /**
   * The objects this one must be created after ({@link Detail#DEPENDS_ON}), in name order; empty
   * when it has none.
   */
  public List<ObjectId> dependsOn() {
    String encoded = details.get(Detail.DEPENDS_ON);
    if (encoded == null || encoded.isEmpty()) {
      return List.of();
    }
    List<ObjectId> ids = new ArrayList<>();
    for (String line : encoded.split("\n")) {
      String[] parts = line.split("\t", -1);
      ids.add(
          new ObjectId(
              ObjectKind.valueOf(parts[0].toUpperCase(Locale.ROOT)),
              Arrays.asList(parts).subList(1, parts.length)));
    }
    return List.copyOf(ids);
  }

  /** The {@link Detail#DEPENDS_ON} value for {@code ids}: one {@code kind<TAB>path...} a line. */
  public static String dependsOnDetail(Collection<ObjectId> ids) {
    List<String> lines = new ArrayList<>();
    for (ObjectId id : ids) {
      lines.add(id.kind().id() + "\t" + String.join("\t", id.path()));
    }
    Collections.sort(lines);
    return String.join("\n", lines);
  }
}
