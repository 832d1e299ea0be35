package dev.drydock.studio;

import java.time.Duration;
import java.util.Objects;

/**
 * How the studio serves: where it listens, whether it may write, and the bounds of every query.
 * Built with {@code StudioSettings.configure()....build()}.
 */
public final class StudioSettings {

  private final String host;
  private final int port;
  private final boolean write;
  private final Duration statementTimeout;
  private final String versionColumn;
  private final int connections;

  private StudioSettings(Builder b) {
    this.host = b.host;
    this.port = b.port;
    this.write = b.write;
    this.statementTimeout = b.statementTimeout;
    this.versionColumn = b.versionColumn;
    this.connections = b.connections;
  }

  public static Builder configure() {
    return new Builder();
  }

  public static StudioSettings defaults() {
    return configure().build();
  }

  public String host() {
    return host;
  }

  /** 0 for a free port. */
  public int port() {
    return port;
  }

  public boolean write() {
    return write;
  }

  public Duration statementTimeout() {
    return statementTimeout;
  }

  public String versionColumn() {
    return versionColumn;
  }

  public int connections() {
    return connections;
  }

  /** True when {@link #host()} is not a loopback address (the CLI then warns). */
  public boolean exposed() {
    return !(host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1"));
  }

  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private boolean write;
    private Duration statementTimeout = Duration.ofSeconds(5);
    private String versionColumn = "lock_version";
    private int connections = 4;

    private Builder() {}

    public Builder host(String value) {
      this.host = Objects.requireNonNull(value, "host");
      return this;
    }

    public Builder port(int value) {
      if (value < 0 || value > 65535) {
        throw new IllegalArgumentException("Port must be 0 to 65535, got " + value);
      }
      this.port = value;
      return this;
    }

    public Builder write(boolean value) {
      this.write = value;
      return this;
    }

    public Builder statementTimeout(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("Statement timeout must be positive, got " + value);
      }
      this.statementTimeout = value;
      return this;
    }

    public Builder versionColumn(String value) {
      this.versionColumn = Objects.requireNonNull(value, "versionColumn");
      return this;
    }

    public Builder connections(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("Connections must be at least 1, got " + value);
      }
      this.connections = value;
      return this;
    }

    public StudioSettings build() {
      return new StudioSettings(this);
    }
  }
}
