package dev.drydock.codegen;

/** jOOQ's code generation, or writing its output, failed; the message says why in one line. */
public class CodegenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CodegenException(String message, Throwable cause) {
    super(message, cause);
  }
}
