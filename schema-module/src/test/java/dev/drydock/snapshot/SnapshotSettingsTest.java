package dev.drydock.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SnapshotSettingsTest {

  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "1048576, 1048576",
    "512M, 536870912",
    "512MB, 536870912",
    "2G, 2147483648",
    "2gib, 2147483648",
    "1.5G, 1610612736",
    "64k, 65536",
    "1T, 1099511627776",
    "' 100 M ', 104857600"
  })
  void givenASizeAsPeopleWriteIt_whenParsed_thenItIsThoseBytes(String text, long bytes) {
    assertThat(SnapshotSettings.parseSize(text)).isEqualTo(bytes);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "12X", "-1G", "G", "1.G", "99999999999T"})
  void givenNoSize_whenParsed_thenTheMessageNamesTheText(String text) {
    assertThatThrownBy(() -> SnapshotSettings.parseSize(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Invalid snapshot cache limit '" + text + "'");
  }
}
