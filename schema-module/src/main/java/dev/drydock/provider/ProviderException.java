package dev.drydock.provider;

/** A throwaway database could not be started or reached; the message says why in one line. */
public class ProviderException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ProviderException(String message) {
    super(message);
  }

  public ProviderException(String message, Throwable cause) {
    super(message, cause);
  }
}
