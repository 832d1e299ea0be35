package dev.drydock.codegen;

/** A class whose initialization is seen from outside: {@link ClassPreloadTest} loads it. */
final class PreloadProbe {
  static final String PROPERTY = "drydock.test.preloadProbeInitialized";

  static {
    System.setProperty(PROPERTY, "true");
  }

  private PreloadProbe() {}
}
