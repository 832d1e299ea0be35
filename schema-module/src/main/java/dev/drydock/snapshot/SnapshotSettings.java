package dev.drydock.snapshot;

/**
 * Immutable choice of whether and how migration snapshots are kept: on by default, at most {@value
 * #DEFAULT_MAX_BYTES} bytes in the cache (least recently used evicted first), and an intermediate
 * snapshot every {@value #DEFAULT_INTERVAL} versioned migrations of a long apply. Build with {@link
 * #configure()}.
 */
public final class SnapshotSettings {

  /** 1 GiB. */
  public static final long DEFAULT_MAX_BYTES = 1L << 30;

  /** An intermediate snapshot every 50 versioned migrations. */
  public static final int DEFAULT_INTERVAL = 50;

  private final boolean enabled;
  private final long maxBytes;
  private final int interval;

  private SnapshotSettings(Builder b) {
    this.enabled = b.enabled;
    this.maxBytes = b.maxBytes;
    this.interval = b.interval;
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

  /** The cache's size limit for all snapshots together. */
  public long maxBytes() {
    return maxBytes;
  }

  /** Versioned migrations between intermediate snapshots; 0 keeps only the final states. */
  public int interval() {
    return interval;
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
