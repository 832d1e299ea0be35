package dev.drydock.provider;

import java.nio.file.Path;

/**
 * The library's default {@link BinariesSource} ({@link BinariesSource#fromUserSettings()}): {@link
 * MavenBinaries#fromUserSettings()}, created when binaries are first asked for, so that work on the
 * bundled PostgreSQL never loads Maven Resolver. Maven Resolver is a provided dependency of
 * drydock-schema (the CLI's jar and the Spring starter bring it; the Maven goals use Maven's own):
 * without it on the class path, a {@link ProviderException} naming the binaries and the dependency
 * to add, not a {@link NoClassDefFoundError}.
 */
final class UserSettingsBinaries implements BinariesSource {

  /** A class of {@code maven-resolver-supplier}, which {@link MavenBinaries} starts. */
  static final String RESOLVER_CLASS = "org.eclipse.aether.supplier.RepositorySystemSupplier";

  private final String resolverClass;

  UserSettingsBinaries() {
    this(RESOLVER_CLASS);
  }

  /** With another class standing for Maven Resolver's presence (tests). */
  UserSettingsBinaries(String resolverClass) {
    this.resolverClass = resolverClass;
  }

  @Override
  public Path jar(BinariesArtifact artifact) {
    if (!onClassPath(resolverClass)) {
      throw new ProviderException(
          "PostgreSQL "
              + artifact.version()
              + " binaries "
              + artifact
              + " are resolved with Maven Resolver, which is not on the class path: add"
              + " org.apache.maven.resolver:maven-resolver-supplier,"
              + " org.apache.maven:maven-settings-builder and commons-logging:commons-logging"
              + " (drydock-spring-boot-starter has them), or get the jar with: mvn dependency:get"
              + " -Dartifact="
              + artifact
              + " and name it as the provider's binaries");
    }
    return MavenBinaries.fromUserSettings().jar(artifact);
  }

  private static boolean onClassPath(String name) {
    try {
      Class.forName(name, false, UserSettingsBinaries.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "UserSettingsBinaries{" + resolverClass + "}";
  }
}
