package dev.drydock.dao;

import dev.drydock.dao.error.StaleRecordListener;
import dev.drydock.dao.error.TranslatingExecuteListener;
import dev.drydock.dao.repository.DirectExecution;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.RecordListenerProvider;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.UpdatableRecord;
import org.jooq.conf.Settings;
import org.jooq.conf.SettingsTools;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.jooq.impl.DefaultRecordListenerProvider;

/**
 * The entry point of the DAO library: a {@link DSLContext} over an application's {@link
 * DataSource}, with PostgreSQL errors translated to Drydock's domain exceptions, and a {@link
 * TableRepository} for any generated table.
 *
 * <pre>{@code
 * DrydockDatabase db = DrydockDatabase.configure().dataSource(hikari).build();
 * TableRepository<CustomersRecord, UUID> customers = db.repository(CUSTOMERS);
 * CustomersRecord ada = customers.create(new CustomersRecord().setName("Ada"));
 * }</pre>
 *
 * <p>Immutable and thread-safe; build one per data source and share it.
 */
public final class DrydockDatabase {

  private final DSLContext dsl;
  private final Map<Table<?>, TableRepository<?, ?>> repositories = new ConcurrentHashMap<>();

  private DrydockDatabase(Builder b) {
    Settings settings =
        settings(
            b.base == null ? new Settings() : SettingsTools.clone(b.base.settings()),
            b.queryTimeout);
    List<ExecuteListenerProvider> listeners = new ArrayList<>(1 + b.listeners.size());
    // the translator first: listeners added by the application see the domain exception
    if (b.translateErrors) {
      listeners.add(new DefaultExecuteListenerProvider(TranslatingExecuteListener.INSTANCE));
    }
    List<RecordListenerProvider> recordListeners = new ArrayList<>(3);
    Configuration configuration;
    if (b.base == null) {
      configuration = new DefaultConfiguration().set(b.dataSource);
    } else {
      // an application's configuration (e.g. Spring Boot's: its connection and transaction
      // providers): keep its listeners, after the translator, without a second translator
      configuration = b.base.derive();
      for (ExecuteListenerProvider p : b.base.executeListenerProviders()) {
        if (p.provide() != TranslatingExecuteListener.INSTANCE) {
          listeners.add(p);
        }
      }
      recordListeners.addAll(List.of(b.base.recordListenerProviders()));
    }
    for (ExecuteListener l : b.listeners) {
      listeners.add(new DefaultExecuteListenerProvider(l));
    }
    configuration.set(SQLDialect.POSTGRES);
    configuration.set(settings);
    configuration.set(listeners.toArray(ExecuteListenerProvider[]::new));
    if (b.translateErrors) {
      recordListeners.add(new DefaultRecordListenerProvider(StaleRecordListener.INSTANCE));
    }
    configuration.set(recordListeners.toArray(RecordListenerProvider[]::new));
    if (!b.directExecution) {
      DirectExecution.disable(configuration);
    }
    this.dsl = DSL.using(configuration);
  }

  /** Starts a configuration, like {@code Flyway.configure()}. */
  public static Builder configure() {
    return new Builder();
  }

  /** A database with the default configuration over {@code dataSource}. */
  public static DrydockDatabase using(DataSource dataSource) {
    return configure().dataSource(dataSource).build();
  }

  /**
   * The jOOQ settings the repositories rely on:
   *
   * <ul>
   *   <li>optimistic locking for {@code UpdatableRecord.store()}: the record version column (jOOQ's
   *       {@code Table.getRecordVersion()}, e.g. {@code lock_version}) is checked and incremented
   *       in the UPDATE itself, and a stale record fails with a {@code StaleVersionException}
   *       (jOOQ's {@code DataChangedException} without error translation) instead of overwriting a
   *       newer row;
   *   <li>{@code RETURNING *} after {@code store()}, so records see database defaults;
   *   <li>{@code store()} sets the record timestamp column (jOOQ's {@code
   *       Table.getRecordTimestamp()}, {@code updated_at} as the goal generates it) with jOOQ's own
   *       {@code updateRecordTimestamp}: on update, and, like the version, on a record's first
   *       {@code store()}; jOOQ's optimistic locking also compares it;
   *   <li>no jOOQ debug logging of every statement (a measurable cost in hot paths).
   * </ul>
   */
  static Settings settings(Settings start, Duration queryTimeout) {
    Settings s =
        start
            .withExecuteWithOptimisticLocking(true)
            .withExecuteWithOptimisticLockingExcludeUnversioned(true)
            .withUpdateRecordVersion(true)
            .withUpdateRecordTimestamp(true)
            .withReturnAllOnUpdatableRecord(true)
            .withExecuteLogging(false)
            .withRenderSchema(false);
    if (queryTimeout != null) {
      s.setQueryTimeout(Math.toIntExact(Math.max(1, queryTimeout.toSeconds())));
    }
    return s;
  }

  /** The configured jOOQ context: use it for queries the repositories do not cover. */
  public DSLContext dsl() {
    return dsl;
  }

  /**
   * The repository of {@code table} (one per table, kept), with {@code K} the primary key's type as
   * the call site declares it: the column's Java type, or the key's {@code RecordN} for a composite
   * key.
   *
   * <pre>{@code
   * TableRepository<CustomersRecord, UUID> customers = db.repository(CUSTOMERS);
   * TableRepository<OrderLinesRecord, Record2<Long, Integer>> lines = db.repository(ORDER_LINES);
   * }</pre>
   *
   * @throws IllegalArgumentException if the table has no primary key or a version field that is not
   *     integral
   */
  @SuppressWarnings("unchecked")
  public <R extends UpdatableRecord<R>, K> TableRepository<R, K> repository(Table<R> table) {
    Objects.requireNonNull(table, "table");
    TableRepository<?, ?> repository = repositories.get(table);
    if (repository == null) {
      repository = TableRepository.of(dsl, table);
      TableRepository<?, ?> raced = repositories.putIfAbsent(table, repository);
      repository = raced != null ? raced : repository;
    }
    return (TableRepository<R, K>) repository;
  }

  /** Configuration of a {@link DrydockDatabase}. */
  public static final class Builder {
    private DataSource dataSource;
    private Configuration base;
    private Duration queryTimeout;
    private boolean translateErrors = true;
    private boolean directExecution = true;
    private final List<ExecuteListener> listeners = new ArrayList<>();

    private Builder() {}

    /** The data source to take connections from (required), e.g. a HikariCP pool. */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      return this;
    }

    /**
     * Builds on an existing jOOQ configuration instead of a {@link #dataSource(DataSource)}: its
     * connection provider, transaction provider (e.g. Spring Boot's, so that {@code @Transactional}
     * methods and the repositories share one connection), settings and listeners are kept;
     * Drydock's settings, error translator (first, and only once) and record listeners are added to
     * a derived copy. {@code base} itself is not changed.
     */
    public Builder configuration(Configuration base) {
      this.base = Objects.requireNonNull(base, "configuration");
      return this;
    }

    /**
     * A JDBC query timeout for every statement (whole seconds, rounded up to 1). A timed out
     * statement fails with a retryable {@code UnavailableException} (SQLState {@code 57014}).
     */
    public Builder queryTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("queryTimeout must be positive: " + timeout);
      }
      this.queryTimeout = timeout;
      return this;
    }

    /**
     * Whether failed statements throw Drydock's domain exceptions ({@code true}, the default) or
     * jOOQ's {@code DataAccessException} untranslated ({@code false}: no {@link
     * TranslatingExecuteListener} is installed, e.g. to measure what it costs, and a stale {@code
     * store()} throws jOOQ's {@code DataChangedException}). The repositories' own checks (not
     * found, stale version) throw domain exceptions either way.
     */
    public Builder translateErrors(boolean translate) {
      this.translateErrors = translate;
      return this;
    }

    /**
     * Whether the repositories' hot statements (create returning the row, find by id, the
     * optimistic update, multi-row insert) run directly: SQL rendered by jOOQ once, then run with
     * JDBC ({@code true}, the default). {@code false} runs every statement through jOOQ's execute
     * lifecycle (useful to see every statement in jOOQ's debug logging, or to compare; the logging
     * itself is off by default, {@code db.dsl().settings().setExecuteLogging(true)} turns it on).
     * Either way the rows, records and exceptions are the same; an {@link
     * #executeListener(ExecuteListener)} also sends every statement through jOOQ.
     */
    public Builder directExecution(boolean direct) {
      this.directExecution = direct;
      return this;
    }

    /** An additional jOOQ listener, called after the error translator (e.g. metrics). */
    public Builder executeListener(ExecuteListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Builds the immutable database handle. */
    public DrydockDatabase build() {
      if (dataSource == null && base == null) {
        throw new IllegalStateException("dataSource is required");
      }
      if (dataSource != null && base != null) {
        throw new IllegalStateException(
            "dataSource and configuration are alternatives: set only one of them");
      }
      return new DrydockDatabase(this);
    }
  }
}
