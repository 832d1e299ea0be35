package dev.drydock.engine;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The engine the migrations are written for. {@link #POSTGRESQL} (the default) applies them as they
 * are; the others apply them to the throwaway PostgreSQL through their {@link TargetRules}.
 */
public enum Target {
  POSTGRESQL("postgresql"),
  DSQL("dsql"),
  COCKROACHDB("cockroachdb");

  private final String id;
  private volatile TargetRules rules;

  Target(String id) {
    this.id = id;
  }

  /** The name users write: {@code postgresql}, {@code dsql}, {@code cockroachdb}. */
  public String id() {
    return id;
  }

  /**
   * The target named {@code name} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static Target parse(String name) {
    String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    for (Target t : values()) {
      if (t.id.equals(wanted)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "Unknown target '"
            + name
            + "': expected one of "
            + Arrays.stream(values()).map(Target::id).collect(Collectors.joining(", ")));
  }

  /** The target's rewrites and compatibility rules, read once from its resource file. */
  public TargetRules rules() {
    TargetRules r = rules;
    if (r == null) {
      r = this == POSTGRESQL ? TargetRules.NONE : TargetRules.load(id);
      rules = r;
    }
    return r;
  }

  @Override
  public String toString() {
    return id;
  }
}
