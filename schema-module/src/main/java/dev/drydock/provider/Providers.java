package dev.drydock.provider;

/** Chooses and starts the provider that {@link ProviderSettings} asks for. */
final class Providers {
  private Providers() {}

  static ThrowawayDatabase start(ProviderSettings settings) {
    ProviderKind kind = resolve(settings);
    return switch (kind) {
      case EXTERNAL -> ExternalServer.start(settings);
      case TESTCONTAINERS -> TestcontainersPostgres.start(settings);
      case EMBEDDED -> EmbeddedPostgres.start(settings);
      case AUTO -> throw new IllegalStateException("resolve() never returns AUTO");
    };
  }

  /** The concrete kind AUTO stands for: external URL, else Docker, else embedded. */
  static ProviderKind resolve(ProviderSettings settings) {
    if (settings.kind() != ProviderKind.AUTO) {
      return settings.kind();
    }
    if (settings.serverUrl().isPresent()) {
      return ProviderKind.EXTERNAL;
    }
    if (DockerProbe.dockerAnswers()) {
      return ProviderKind.TESTCONTAINERS;
    }
    return ProviderKind.EMBEDDED;
  }
}
