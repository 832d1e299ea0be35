package dev.drydock.provider;

/**
 * Which throwaway provider {@link ProviderSettings} leads to, and why: {@code auto} is an external
 * server when a URL is given, else Testcontainers when a Docker engine answers, else the embedded
 * PostgreSQL.
 *
 * @param kind the concrete provider (never {@link ProviderKind#AUTO})
 * @param reason why it is that one, in a few words
 */
public record ProviderChoice(ProviderKind kind, String reason) {

  /**
   * What {@link ThrowawayDatabase#start} would start for these settings (asks Docker if needed).
   */
  public static ProviderChoice of(ProviderSettings settings) {
    if (settings.kind() != ProviderKind.AUTO) {
      return new ProviderChoice(settings.kind(), "asked for explicitly");
    }
    if (settings.serverUrl().isPresent()) {
      return new ProviderChoice(ProviderKind.EXTERNAL, "a server URL is given");
    }
    if (DockerProbe.dockerAnswers()) {
      return new ProviderChoice(ProviderKind.TESTCONTAINERS, "a Docker engine answers");
    }
    return new ProviderChoice(
        ProviderKind.EMBEDDED, "no server URL is given and no Docker engine answers");
  }
}
