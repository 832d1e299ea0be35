package dev.drydock.cli;

/** The exit-code contract of every {@code drydock} command. */
public final class ExitCodes {
  /** The command succeeded (migrate, generate, pull, ...). */
  public static final int OK = 0;

  /**
   * No drift: the live database matches the migrations (diff), or the history is in step (check).
   */
  public static final int NO_DRIFT = 0;

  /** Drift found: differences, pending or changed migrations. */
  public static final int DRIFT = 1;

  /** {@code doctor}: something Drydock needs is missing here. */
  public static final int PROBLEMS_FOUND = 1;

  /** {@code lint}: a finding not allowed at or above {@code --fail-on}. */
  public static final int FINDINGS = 1;

  /** {@code draft}: nothing written (a hint is needed, or the draft does not prove). */
  public static final int NOT_WRITTEN = 1;

  /** Bad usage, or a database could not be reached. */
  public static final int USAGE_OR_CONNECTION = 2;

  /** The migrations could not be read or applied. */
  public static final int MIGRATIONS_FAILED = 3;

  private ExitCodes() {}
}
