package dev.drydock.diff;

import dev.drydock.introspect.Attribute;
import dev.drydock.introspect.ObjectId;
import dev.drydock.introspect.ObjectKind;
import java.util.Comparator;
import java.util.Objects;

/**
 * One difference between the migrations (expected) and the live database (actual).
 *
 * @param id the object
 * @param change added to, removed from or changed in the live database
 * @param attribute the attribute that differs; null for {@link ChangeKind#ADDED} and {@link
 *     ChangeKind#REMOVED}
 * @param expected the value the migrations produce (for REMOVED: a summary of the object; null when
 *     absent)
 * @param actual the value in the live database (for ADDED: a summary of the object; null when
 *     absent)
 */
public record Difference(
    ObjectId id, ChangeKind change, Attribute attribute, String expected, String actual)
    implements Comparable<Difference> {

  private static final Comparator<Difference> ORDER =
      Comparator.comparing(Difference::id)
          .thenComparing(Difference::change)
          .thenComparing(d -> d.attribute() == null ? "" : d.attribute().key());

  public Difference {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(change, "change");
  }

  public ObjectKind objectKind() {
    return id.kind();
  }

  public String objectName() {
    return id.name();
  }

  /**
   * One line, e.g. {@code CHANGED constraint public.posts.posts_author_id_fkey on_delete: expected
   * CASCADE, actual SET NULL}.
   */
  public String describe() {
    return change
        + " "
        + id.kind().label()
        + " "
        + id.name()
        + (attribute == null ? "" : " " + attribute.key())
        + ": expected "
        + show(expected)
        + ", actual "
        + show(actual);
  }

  /** A value as reports show it: {@code (none)} for null. */
  public static String show(String value) {
    return value == null ? "(none)" : value;
  }

  @Override
  public int compareTo(Difference other) {
    return ORDER.compare(this, other);
  }
}
