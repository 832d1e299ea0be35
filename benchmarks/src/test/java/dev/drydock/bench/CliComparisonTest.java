package dev.drydock.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CliComparisonTest {

  @Test
  void theLastTimeLineGivesWallCpuAsUserPlusSystemAndPeakRss() {
    // given: a CLI's output with /usr/bin/time's line last (and a TIME-like line before it)
    String output = "TIME 9 9 9 9\nGenerated 16 jOOQ source files\nTIME 9.68 14.50 1.68 399360\n";

    // when
    CliComparison.Sample sample = CliComparison.parse(output);

    // then
    assertThat(sample.wallSeconds()).isEqualTo(9.68);
    assertThat(sample.cpuSeconds()).isEqualTo(16.18, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(sample.peakRssKib()).isEqualTo(399_360L);
  }

  @Test
  void anOutputWithoutATimeLineIsAnErrorQuotingIt() {
    assertThatThrownBy(() -> CliComparison.parse("drydock: no such option\n"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no /usr/bin/time line")
        .hasMessageContaining("drydock: no such option");
  }
}
