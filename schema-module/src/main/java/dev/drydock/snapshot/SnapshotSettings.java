package dev.drydock.snapshot;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Immutable choice of whether and how migration snapshots are kept: on by default, at most {@value
 * #DEFAULT_MAX_BYTES} bytes in the cache (least recently used evicted first), and an intermediate
 * snapshot every {@value #DEFAULT_INTERVAL} versioned migrations of a long apply. Build with {@link
 * #configure()}.
 */
public final class SnapshotSettings {

  /** 1 GiB. */
  public static final long DEFAULT_MAX_BYTES = 1L << 30;

  /** An intermediate snapshot only where the migrations since the last one took this long. */
  public static final int DEFAULT_MIN_SEGMENT_SECONDS = 5;

  /**
   * A run that started from a snapshot saves its final state only where applying the rest took this
   * long (or something is kept with it): below it, the next run re-applying the same few migrations
   * costs less than the save (a clean stop and an archive) would.
   */
  public static final int DEFAULT_MIN_TAIL_MILLIS = 250;

  /** An intermediate snapshot every 50 versioned migrations. */
  public static final int DEFAULT_INTERVAL = 50;

  private static final Pattern SIZE =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*((?:[kmgtKMGT](?:i?[bB])?)?|[bB]?)");

  private final boolean enabled;
  private final long maxBytes;
  private final int interval;
  private final Duration minSegmentTime;
  private final Duration minTailTime;

  private SnapshotSettings(Builder b) {
    this.enabled = b.enabled;
    this.maxBytes = b.maxBytes;
    this.interval = b.interval;
    this.minSegmentTime = b.minSegmentTime;
    this.minTailTime = b.minTailTime;
  }

  public static SnapshotSettings defaults() {
    return configure().build();
  }

  /** Every apply is a full apply, and nothing is saved. */
  public static SnapshotSettings disabled() {
    return configure().enabled(false).build();
  }

  public static Builder configure() {
    return new Builder();
  }

  public boolean enabled() {
    return enabled;
  }

  /**
   * A size as people write it: bytes, or a number with a binary unit {@code K}, {@code M}, {@code
   * G} or {@code T} (optionally followed by {@code B} or {@code iB}, any case), e.g. {@code 512M},
   * {@code 2G}, {@code 1.5GiB}.
   *
   * @throws IllegalArgumentException naming the text when it is no such size
   */
  public static long parseSize(String text) {
    Matcher m = SIZE.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "Invalid snapshot cache limit '"
              + text
              + "': expected bytes or a number with K, M, G or T, e.g. 512M or 2G");
    }
    String unit = m.group(2).toUpperCase(Locale.ROOT);
    int shift = unit.isEmpty() ? 0 : 10 * ("KMGT".indexOf(unit.charAt(0)) + 1);
    BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1L << shift));
    if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException("Invalid snapshot cache limit '" + text + "': too large");
    }
    return bytes.setScale(0, RoundingMode.DOWN).longValueExact();
  }

  /** The cache's size limit for all snapshots together. */
  public long maxBytes() {
    return maxBytes;
  }

  /** Versioned migrations between intermediate snapshots; 0 keeps only the final states. */
  public int interval() {
    return interval;
  }

  /**
   * How long applying the migrations since the last snapshot must have taken for an intermediate
   * snapshot to be saved (default {@value #DEFAULT_MIN_SEGMENT_SECONDS} s): saving one costs a
   * server restart, so a history that applies fast is applied again rather than checkpointed.
   */
  public Duration minSegmentTime() {
    return minSegmentTime;
  }

  /**
   * How long applying the migrations after a restored snapshot must take for the final state to be
   * saved at close (unless something is kept with it, or the run was asked to save).
   */
  public Duration minTailTime() {
    return minTailTime;
  }

  @Override
  public String toString() {
    return enabled
        ? "snapshots (max " + (maxBytes >> 20) + " MiB, every " + interval + " migrations)"
        : "no snapshots";
  }

  /** Fluent builder; every setter returns {@code this}. */
  public static final class Builder {
    private boolean enabled = true;
    private long maxBytes = DEFAULT_MAX_BYTES;
    private int interval = DEFAULT_INTERVAL;
    private Duration minSegmentTime = Duration.ofSeconds(DEFAULT_MIN_SEGMENT_SECONDS);
    private Duration minTailTime = Duration.ofMillis(DEFAULT_MIN_TAIL_MILLIS);

    private Builder() {}

    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    public Builder maxBytes(long maxBytes) {
      if (maxBytes < 0) {
        throw new IllegalArgumentException("The snapshot cache limit must not be negative");
      }
      this.maxBytes = maxBytes;
      return this;
    }

    public Builder minSegmentTime(Duration minSegmentTime) {
      if (minSegmentTime.isNegative()) {
        throw new IllegalArgumentException("The minimum segment time must not be negative");
      }
      this.minSegmentTime = minSegmentTime;
      return this;
    }

    public Builder minTailTime(Duration minTailTime) {
      if (minTailTime.isNegative()) {
        throw new IllegalArgumentException("The minimum tail time must not be negative");
      }
      this.minTailTime = minTailTime;
      return this;
    }

    public Builder interval(int interval) {
      if (interval < 0) {
        throw new IllegalArgumentException("The snapshot interval must not be negative");
      }
      this.interval = interval;
      return this;
    }

    public SnapshotSettings build() {
      return new SnapshotSettings(this);
    }
  }
}
