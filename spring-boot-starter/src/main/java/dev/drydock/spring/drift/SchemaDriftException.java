package dev.drydock.spring.drift;

/** The application's database differs from its migrations and {@code drydock.drift-check=fail}. */
public final class SchemaDriftException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final transient DriftReport report;

  SchemaDriftException(DriftReport report) {
    super(
        "The database differs from the migrations on the class path (drydock.drift-check=fail): "
            + report.text());
    this.report = report;
  }

  /** What the check found. */
  public DriftReport report() {
    return report;
  }
}
