package dev.drydock.provider;

/**
 * Whether the embedded PostgreSQL can run its processes here: PostgreSQL refuses to run as root, so
 * as root it needs user namespaces ({@code unshare -U}) or {@code setpriv} to run as nobody.
 */
public final class EmbeddedReadiness {
  private EmbeddedReadiness() {}

  /**
   * How the embedded server's processes would be started here, in one line.
   *
   * @throws ProviderException when running as root and neither way works (the message says what to
   *     do)
   */
  public static String howProcessesRun() {
    return switch (RunAs.detect()) {
      case CURRENT_USER -> "as the current user";
      case USER_NAMESPACE -> "as root, inside a user namespace (unshare -U)";
      case NOBODY -> "as root without user namespaces, as nobody (setpriv)";
    };
  }
}
