package dev.drydock.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Median and spread of a few samples; what every figure in the table is made of. */
record Stats(List<Double> samples) {

  static Stats of(List<Double> samples) {
    List<Double> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    return new Stats(List.copyOf(sorted));
  }

  boolean isEmpty() {
    return samples.isEmpty();
  }

  int n() {
    return samples.size();
  }

  double median() {
    int n = samples.size();
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? samples.get(n / 2) : (samples.get(n / 2 - 1) + samples.get(n / 2)) / 2;
  }

  double min() {
    return samples.isEmpty() ? Double.NaN : samples.get(0);
  }

  double max() {
    return samples.isEmpty() ? Double.NaN : samples.get(samples.size() - 1);
  }

  /** {@code 1.23 s (1.10–1.40, n=5)} for samples in milliseconds. */
  String seconds() {
    if (samples.isEmpty()) {
      return "n/a";
    }
    return String.format(
        Locale.ROOT, "%.2f s (%.2f–%.2f, n=%d)", median() / 1e3, min() / 1e3, max() / 1e3, n());
  }

  /** {@code 123 ms (110–140, n=5)}. */
  String millis() {
    if (samples.isEmpty()) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.0f ms (%.0f–%.0f, n=%d)", median(), min(), max(), n());
  }

  /** Ratio of medians, e.g. {@code 1.05x}. */
  String ratioTo(Stats baseline) {
    if (samples.isEmpty() || baseline.isEmpty() || baseline.median() == 0) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.2fx", median() / baseline.median());
  }
}
