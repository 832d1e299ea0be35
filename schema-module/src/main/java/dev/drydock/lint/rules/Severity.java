package dev.drydock.lint.rules;

import java.util.Locale;

/** How bad a finding is; {@code --fail-on} names the lowest that fails the run. */
public enum Severity {
  WARNING,
  ERROR;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
