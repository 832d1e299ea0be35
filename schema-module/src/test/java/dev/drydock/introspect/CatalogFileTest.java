package dev.drydock.introspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.fixtures.Pagila;
import dev.drydock.provider.ThrowawayDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A catalog written to a file and read back is the catalog: every object, schema and quoting. */
class CatalogFileTest {

  @TempDir Path dir;

  @Test
  void givenPagilasCatalog_whenWrittenAndRead_thenEveryObjectIsEqual() throws Exception {
    Catalog catalog;
    try (ThrowawayDatabase db = ThrowawayDatabase.start(Pagila.postgres18());
        Connection c = db.connect();
        Statement st = c.createStatement()) {
      st.execute(Pagila.withoutPgvector());
      st.execute("create table public.\"select\" (\"Mixed Case\" int, \"user\" text)");
      catalog = Introspector.configure().build().load(c, List.of());
    }
    Path file = dir.resolve("catalog.json");

    CatalogFile.write(catalog, file);
    Catalog read = CatalogFile.read(file);

    assertThat(catalog.size()).isGreaterThan(500);
    assertThat(read.objects()).isEqualTo(catalog.objects());
    assertThat(read.schemas()).isEqualTo(catalog.schemas());
    for (String name : List.of("select", "user", "Mixed Case", "film", "order", "a\"b")) {
      assertThat(read.quoting().quote(name)).isEqualTo(catalog.quoting().quote(name));
    }
  }

  @Test
  void givenAFileOfAnotherFormat_whenRead_thenItIsRefusedNamingTheFile() throws IOException {
    Path file = Files.writeString(dir.resolve("old.json"), "{\"format\": 0}");

    assertThatThrownBy(() -> CatalogFile.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void givenTheSameBuild_whenAskedTwice_thenTheCodeIdentityIsStableAndNotUnknown() {
    assertThat(CatalogFile.codeIdentity())
        .matches("[0-9a-f]{16}")
        .isEqualTo(CatalogFile.codeIdentity());
  }
}
