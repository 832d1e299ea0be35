package dev.drydock.diff.sql;

import dev.drydock.introspect.ObjectId;
import java.util.Objects;

/**
 * A rename someone declared instead of leaving it to detection: {@code from} (an object only the
 * actual side has) is {@code to} (one only the expected side has) under another name.
 */
public record DeclaredRename(ObjectId from, ObjectId to) {
  public DeclaredRename {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }
}
