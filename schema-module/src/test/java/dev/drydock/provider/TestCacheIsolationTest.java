package dev.drydock.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The build's tests never share the user's cache: a "full apply" must not start from theirs. */
class TestCacheIsolationTest {

  @Test
  void givenTheBuildsTestSettings_thenTheDefaultCacheIsUnderTheCheckoutsTarget() {
    // given: surefire's drydock.cache
    Path home = Path.of(System.getProperty("user.home"), ".cache", "drydock");

    // when
    Path cache = ProviderSettings.defaultCacheDirectory();

    // then
    assertThat(cache).isNotEqualTo(home);
    assertThat(cache.toString()).endsWith("target/drydock-test-cache");
  }
}
