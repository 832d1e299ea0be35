package dev.drydock.introspect;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Stable identity of a database object: its kind plus its name path, e.g. {@code [public, users,
 * email]} for a column or {@code [public, add(integer, integer)]} for a function (functions are
 * identified by signature). Names are compared exactly (case-sensitive, unquoted).
 */
public record ObjectId(ObjectKind kind, List<String> path) implements Comparable<ObjectId> {

  /** Kind (dependency order), then the path element by element: no string building per call. */
  private static final Comparator<ObjectId> ORDER =
      Comparator.comparing(ObjectId::kind).thenComparing(ObjectId::path, ObjectId::comparePaths);

  private static int comparePaths(List<String> a, List<String> b) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  public ObjectId {
    Objects.requireNonNull(kind, "kind");
    path = List.copyOf(path);
  }

  public static ObjectId of(ObjectKind kind, String... path) {
    return new ObjectId(kind, List.of(path));
  }

  /** Dotted display name, e.g. {@code public.users.email}. */
  public String name() {
    return String.join(".", path);
  }

  /** The last path element: the object's own name. */
  public String localName() {
    return path.get(path.size() - 1);
  }

  @Override
  public int compareTo(ObjectId other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return kind.label() + " " + name();
  }
}
