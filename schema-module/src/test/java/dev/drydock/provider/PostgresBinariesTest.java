package dev.drydock.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresBinariesTest {

  @TempDir Path dir;

  @Test
  void theSameBinariesFromAnotherPathShareOneCacheEntry() throws Exception {
    // given: the PostgreSQL 18 jar and a copy of it elsewhere (another clone, another repository)
    Path jar = Path.of(System.getProperty("drydock.test.postgres18"));
    Path copy = Files.copy(jar, dir.resolve("copy.jar"));
    Path cache = dir.resolve("cache");

    // when
    PostgresBinaries first = PostgresBinaries.extractTo(cache, Optional.of(jar));
    PostgresBinaries second = PostgresBinaries.extractTo(cache, Optional.of(copy));

    // then
    assertThat(second.home()).isEqualTo(first.home());
    assertThat(first.bin("postgres")).isExecutable();
    try (var entries = Files.list(cache.resolve("postgres"))) {
      assertThat(entries.filter(Files::isDirectory)).hasSize(1);
    }
  }

  @Test
  void differentVersionsGetDifferentCacheEntries() {
    Path cache = dir.resolve("cache");
    Path pg18 = Path.of(System.getProperty("drydock.test.postgres18"));

    PostgresBinaries bundled = PostgresBinaries.extractTo(cache, Optional.empty());
    PostgresBinaries chosen = PostgresBinaries.extractTo(cache, Optional.of(pg18));

    assertThat(chosen.home()).isNotEqualTo(bundled.home());
  }
}
