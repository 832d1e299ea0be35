package dev.drydock.lint;

import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import java.nio.file.Files;
import java.nio.file.Path;

/** The embedded PostgreSQL of each major the lint tests observe: 17 bundled, 15 and 18 copied. */
final class LintServers {

  private LintServers() {}

  static ProviderSettings major(int major, Path cache) {
    ProviderSettings.Builder b =
        ProviderSettings.configure().kind(ProviderKind.EMBEDDED).cacheDirectory(cache);
    if (major != 17) {
      String property = "drydock.test.postgres" + major;
      String jar = System.getProperty(property);
      if (jar == null || !Files.isRegularFile(Path.of(jar))) {
        throw new IllegalStateException(
            "PostgreSQL "
                + major
                + " binaries not found (system property "
                + property
                + "="
                + jar
                + ")");
      }
      b.postgresBinaries(Path.of(jar));
    }
    return b.build();
  }
}
