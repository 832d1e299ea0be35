package dev.drydock.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** The library's default binaries source without, and with, Maven Resolver on the class path. */
class UserSettingsBinariesTest {

  private static final BinariesArtifact ARTIFACT = BinariesArtifact.forThisPlatform("15.14.0");

  @Test
  void givenNoMavenResolverOnTheClassPath_whenAskedForBinaries_thenTheMessageNamesWhatToAdd() {
    BinariesSource source = new UserSettingsBinaries("org.example.NoSuchResolverSupplier");

    ProviderException e = catchThrowableOfType(ProviderException.class, () -> source.jar(ARTIFACT));

    assertThat(e)
        .hasMessage(
            "PostgreSQL 15.14.0 binaries "
                + ARTIFACT
                + " are resolved with Maven Resolver, which is not on the class path: add"
                + " org.apache.maven.resolver:maven-resolver-supplier,"
                + " org.apache.maven:maven-settings-builder and commons-logging:commons-logging"
                + " (drydock-spring-boot-starter has them), or get the jar with: mvn dependency:get"
                + " -Dartifact="
                + ARTIFACT
                + " and name it as the provider's binaries");
  }

  @Test
  void theDefaultProbesTheClassMavenBinariesStarts() throws Exception {
    // the probe's class is the one MavenBinaries needs: present here (a provided dependency)
    assertThat(Class.forName(UserSettingsBinaries.RESOLVER_CLASS).getName())
        .isEqualTo(org.eclipse.aether.supplier.RepositorySystemSupplier.class.getName());
    assertThat(BinariesSource.fromUserSettings()).isInstanceOf(UserSettingsBinaries.class);
  }
}
