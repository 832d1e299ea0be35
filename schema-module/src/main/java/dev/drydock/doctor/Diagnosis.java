package dev.drydock.doctor;

import java.util.Objects;

/**
 * One answer of {@link Doctor}: what was examined and what was found, with what to do when it is
 * not {@link Status#OK}.
 *
 * @param status how it went
 * @param subject what was examined, e.g. {@code java}
 * @param finding what was found, and for a problem what to do, in one line
 */
public record Diagnosis(Status status, String subject, String finding) {

  /** How one examination went. */
  public enum Status {
    /** Works. */
    OK,
    /** Works, but something may bite later. */
    WARN,
    /** Something Drydock needs is missing: the finding says what to do. */
    FAIL
  }

  public Diagnosis {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(finding, "finding");
  }

  static Diagnosis ok(String subject, String finding) {
    return new Diagnosis(Status.OK, subject, finding);
  }

  static Diagnosis warn(String subject, String finding) {
    return new Diagnosis(Status.WARN, subject, finding);
  }

  static Diagnosis fail(String subject, String finding) {
    return new Diagnosis(Status.FAIL, subject, finding);
  }
}
