package dev.drydock.spring.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Migrations found on the class path, also inside a jar, copied to files for the engine. */
class ClasspathMigrationsTest {

  @TempDir Path temp;

  @Test
  void givenMigrationsInAJar_whenCopied_thenTheirFoldersAndConfFilesAreKeptAndRemovedOnClose()
      throws IOException {
    // given: a jar laid out as the migrations jar (directory entries included, as Maven writes)
    Path jar = temp.resolve("migrations.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("db/"));
      out.putNextEntry(new JarEntry("db/migration/"));
      entry(out, "db/migration/V1__first.sql", "create table a (id int);");
      out.putNextEntry(new JarEntry("db/migration/more/"));
      entry(out, "db/migration/more/V2__second.sql", "create table b (id int);");
      entry(out, "db/migration/more/V2__second.sql.conf", "executeInTransaction=false");
      entry(out, "db/migration/afterMigrate.sql", "select 1;");
      entry(out, "db/migration/more/afterMigrate.sql", "select 2;");
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      // when
      Path directory;
      try (ClasspathMigrations copied =
          ClasspathMigrations.copy(List.of("classpath:db/migration"), loader)) {
        directory = copied.directory();
        // then: the location's tree as it is, the two afterMigrate.sql apart
        Path location = copied.locations().get(0);
        assertThat(copied.locations()).hasSize(1);
        assertThat(copied.count()).isEqualTo(5);
        assertThat(Files.readString(location.resolve("V1__first.sql")))
            .isEqualTo("create table a (id int);");
        assertThat(Files.readString(location.resolve("more/V2__second.sql.conf")))
            .isEqualTo("executeInTransaction=false");
        assertThat(Files.readString(location.resolve("afterMigrate.sql"))).isEqualTo("select 1;");
        assertThat(Files.readString(location.resolve("more/afterMigrate.sql")))
            .isEqualTo("select 2;");
      }
      assertThat(directory).doesNotExist();
    }
  }

  @Test
  void givenALocationWithoutMigrations_whenCopied_thenAnErrorNamingTheLocation() {
    assertThatThrownBy(
            () ->
                ClasspathMigrations.copy(
                    List.of("classpath:no/such/place"), getClass().getClassLoader()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "drydock.drift-check: no migrations (*.sql) found at [classpath:no/such/place]");
  }

  private static void entry(JarOutputStream out, String name, String text) throws IOException {
    out.putNextEntry(new JarEntry(name));
    OutputStream body = out;
    body.write(text.getBytes(StandardCharsets.UTF_8));
    out.closeEntry();
  }
}
