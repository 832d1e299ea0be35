package dev.drydock.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.migrate.MigrationException;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.Leftovers;
import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ClassPreload}: its list names classes that exist (else it loads nothing useful after an
 * upgrade), it only loads (never initializes), skips what is missing, and nothing of it outlives a
 * run, even a failed one.
 */
class ClassPreloadTest {

  @TempDir Path root;

  /** JDK-internal names differ between JDK versions; the libraries' must all be there. */
  private static boolean fromTheJdk(String name) {
    return name.startsWith("java.")
        || name.startsWith("javax.")
        || name.startsWith("jdk.")
        || name.startsWith("sun.")
        || name.startsWith("com.sun.");
  }

  @Test
  void givenTheShippedList_whenEachLibraryClassIsLookedUp_thenEveryOneIsOnTheClassPath() {
    // given
    List<String> database = ClassPreload.shippedList(ClassPreload.Section.DATABASE);
    List<String> jooq = ClassPreload.shippedList(ClassPreload.Section.JOOQ);

    // when
    List<String> missing =
        java.util.stream.Stream.concat(database.stream(), jooq.stream())
            .filter(n -> !fromTheJdk(n))
            .filter(
                n ->
                    ClassPreload.class.getClassLoader().getResource(n.replace('.', '/') + ".class")
                        == null)
            .toList();

    // then: Flyway and the driver before any jOOQ class (a run that keeps its sources loads
    // none), jOOQ-meta and the code generator after; never Drydock's own classes
    assertThat(database).hasSizeGreaterThan(500);
    assertThat(database.stream().filter(n -> n.startsWith("org.flywaydb."))).isNotEmpty();
    assertThat(database.stream().filter(n -> n.startsWith("org.jooq."))).isEmpty();
    assertThat(jooq).hasSizeGreaterThan(1000);
    assertThat(jooq.stream().filter(n -> n.startsWith("org.jooq.codegen."))).isNotEmpty();
    assertThat(jooq.stream().filter(n -> n.startsWith("org.jooq.meta."))).isNotEmpty();
    assertThat(java.util.stream.Stream.concat(database.stream(), jooq.stream()))
        .noneMatch(n -> n.startsWith("dev.drydock."));
    assertThat(missing).as("record the list again (see its header)").isEmpty();
  }

  @Test
  void givenAMissingName_whenPreloaded_thenItIsSkippedAndTheOthersAreLoadedNotInitialized()
      throws Exception {
    // given: a loader of its own (over the test classes), so that what it loads is fresh
    URL classes = PreloadProbe.class.getProtectionDomain().getCodeSource().getLocation();
    System.clearProperty(PreloadProbe.PROPERTY);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes}, null)) {
      String probe = PreloadProbe.class.getName();

      // when
      ClassPreload preload = ClassPreload.start(List.of("no.such.Clazz", probe), loader);
      preload.awaitDone();
      preload.close();

      // then: loaded by that loader, its static initializer not run
      assertThat(preload.loaded()).isEqualTo(1);
      assertThat(preload.missing()).isEqualTo(1);
      assertThat(preload.running()).isFalse();
      assertThat(System.getProperty(PreloadProbe.PROPERTY)).isNull();
      Class.forName(probe, true, loader);
      assertThat(System.getProperty(PreloadProbe.PROPERTY)).isEqualTo("true");
    } finally {
      System.clearProperty(PreloadProbe.PROPERTY);
    }
  }

  @Test
  void givenAPreloadStillRunning_whenClosed_thenItsThreadHasEnded() {
    // given: far more names than it can load before close
    List<String> names =
        java.util.stream.IntStream.range(0, 200_000).mapToObj(i -> "no.such.C" + i).toList();
    ClassPreload preload = ClassPreload.start(names, getClass().getClassLoader());

    // when
    preload.close();

    // then
    assertThat(preload.running()).isFalse();
    assertThat(preload.missing()).isLessThan(names.size());
  }

  @Test
  void givenABrokenMigration_whenGenerating_thenNoPreloadThreadServerOrDirectoryIsLeft()
      throws Exception {
    // given: the servers' directories in one of this test's own (others' builds share /dev/shm)
    Path work = Files.createDirectories(root.resolve("work"));
    String previous = System.setProperty("drydock.tmpdir", work.toString());
    try {
      brokenRunLeavesNothing();
    } finally {
      if (previous == null) {
        System.clearProperty("drydock.tmpdir");
      } else {
        System.setProperty("drydock.tmpdir", previous);
      }
    }
    try (var left = Files.list(work)) {
      assertThat(left).isEmpty();
    }
  }

  private void brokenRunLeavesNothing() throws Exception {
    Path migrations = Files.createDirectories(root.resolve("migrations"));
    Files.writeString(migrations.resolve("V1__broken.sql"), "create table x (\n  oops\n);\n");
    Leftovers before = Leftovers.now();
    CodeGeneration workflow =
        CodeGeneration.configure()
            .migrations(Migrations.configure().location(migrations).build())
            .packageName("com.example.db")
            .outputDirectory(root.resolve("out"))
            .provider(ProviderSettings.configure().kind(ProviderKind.EMBEDDED).build())
            .build();

    // when / then
    assertThatThrownBy(workflow::run)
        .isInstanceOf(MigrationException.class)
        .hasMessageStartingWith("V1__broken.sql:3: ERROR: syntax error");
    assertThat(
            Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(ClassPreload.THREAD_NAME))
                .filter(Thread::isAlive))
        .isEmpty();
    Leftovers.now().assertNothingNewSince(before);
    assertThat(root.resolve("out")).doesNotExist();
  }
}
