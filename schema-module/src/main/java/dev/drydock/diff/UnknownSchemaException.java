package dev.drydock.diff;

import java.util.List;

/** Schemas were asked for that neither the live database nor the migrations have. */
public final class UnknownSchemaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> schemas;

  public UnknownSchemaException(List<String> schemas) {
    super(
        "Unknown schema "
            + String.join(", ", schemas)
            + ": neither the live database nor the migrations have it");
    this.schemas = List.copyOf(schemas);
  }

  public List<String> schemas() {
    return schemas;
  }
}
