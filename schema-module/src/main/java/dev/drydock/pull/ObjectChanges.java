package dev.drydock.pull;

import dev.drydock.introspect.ObjectKind;

/**
 * What a pulled migration does to one kind of object.
 *
 * @param kind the object kind
 * @param created objects the live database has and the migrations do not
 * @param dropped objects the migrations have and the live database does not
 * @param altered objects both have, with different attributes
 */
public record ObjectChanges(ObjectKind kind, int created, int dropped, int altered) {

  /** E.g. {@code tables: 2 created, 1 altered}. */
  public String describe() {
    StringBuilder sb = new StringBuilder(kind.plural().toLowerCase(java.util.Locale.ROOT));
    String sep = ": ";
    if (created > 0) {
      sb.append(sep).append(created).append(" created");
      sep = ", ";
    }
    if (dropped > 0) {
      sb.append(sep).append(dropped).append(" dropped");
      sep = ", ";
    }
    if (altered > 0) {
      sb.append(sep).append(altered).append(" altered");
    }
    return sb.toString();
  }
}
