package dev.drydock.compat;

import java.util.Locale;

/** Whether the engine refuses the construct ({@link #ERROR}) or treats it differently. */
public enum Severity {
  ERROR,
  WARNING;

  /** {@code error} or {@code warning}. */
  public static Severity parse(String s) {
    return valueOf(s.strip().toUpperCase(Locale.ROOT));
  }

  /** {@code error} or {@code warning}, as written in the rules and the output. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
