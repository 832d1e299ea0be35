package dev.drydock.codegen;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which files of an output directory Drydock may replace: only those it wrote ({@link
 * dev.drydock.marker.OutputOwnership}, shared with the thin Maven plugin), as a {@link
 * CodegenException}.
 */
final class OutputOwnership {

  private final dev.drydock.marker.OutputOwnership ownership;

  /** {@link dev.drydock.marker.OutputOwnership#followLink}. */
  static Path followLink(Path output) {
    return dev.drydock.marker.OutputOwnership.followLink(output);
  }

  OutputOwnership(Path output, String packageName) {
    this.ownership = new dev.drydock.marker.OutputOwnership(output, packageName);
  }

  /**
   * Throws {@link CodegenException} when replacing the output would delete a file Drydock did not
   * write, or when the output is not a directory.
   */
  void requireReplaceable() {
    Optional<String> refusal;
    try {
      refusal = ownership.refusal();
    } catch (IOException e) {
      throw new CodegenException(ownership.unreadable(e), e);
    }
    if (refusal.isPresent()) {
      throw new CodegenException(refusal.get(), null);
    }
  }
}
