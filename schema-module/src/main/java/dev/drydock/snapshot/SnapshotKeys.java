package dev.drydock.snapshot;

import dev.drydock.engine.Target;
import dev.drydock.files.KeyDigest;
import dev.drydock.migrate.MigrationChain;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;

/**
 * The keys of the states an apply passes through, each a SHA-256 chained over the previous one: the
 * base covers what every state depends on (the binaries and initdb options, the server parameters,
 * init SQL, the Flyway version and every Flyway setting, placeholders, history table and schemas);
 * key {@code i} adds the {@code i}-th versioned migration (version, name, bytes, its {@code
 * .conf}); the final key adds the repeatables and callbacks. Contents, never timestamps.
 */
final class SnapshotKeys {

  /** Part of the base: change it when what a snapshot holds changes. */
  private static final String FORMAT = "drydock-snapshot/1";

  private static final String FLYWAY_VERSION = flywayVersion();

  /** 32 hex digits (128 bits) are plenty for a cache key and keep paths short. */
  private static final int KEY_DIGITS = 32;

  private final List<String> prefixes;
  private final String finalKey;

  private SnapshotKeys(List<String> prefixes, String finalKey) {
    this.prefixes = List.copyOf(prefixes);
    this.finalKey = finalKey;
  }

  static SnapshotKeys of(
      String clusterIdentity,
      ProviderSettings provider,
      Migrations migrations,
      MigrationChain chain) {
    KeyDigest base =
        KeyDigest.start()
            .text(FORMAT)
            .text(clusterIdentity)
            .text("flyway=" + FLYWAY_VERSION)
            .text("server=" + new TreeMap<>(provider.serverParameters()));
    provider.initSql().forEach(sql -> base.text("init=" + sql));
    Map<String, String> settings = new TreeMap<>(migrations.settings().values());
    base.text("settings=" + settings)
        .text("placeholders=" + new TreeMap<>(migrations.placeholders()))
        .text("table=" + migrations.table())
        .text("schemas=" + migrations.schemas());
    if (migrations.target().target() != Target.POSTGRESQL) {
      // the target's statement rewrites shape the migrated cluster
      base.text("target=" + migrations.target().target().id());
    }
    String key = base.hex(KEY_DIGITS);
    List<String> prefixes = new ArrayList<>();
    for (MigrationChain.Versioned v : chain.versioned()) {
      key = KeyDigest.start().text(key).text(v.version()).namedFiles(v.files()).hex(KEY_DIGITS);
      prefixes.add(key);
    }
    String finalKey = key;
    if (!chain.repeatables().isEmpty() || !chain.callbacks().isEmpty()) {
      finalKey =
          KeyDigest.start()
              .text(key)
              .text("repeatables")
              .namedFiles(chain.repeatables())
              .text("callbacks")
              .namedFiles(chain.callbacks())
              .hex(KEY_DIGITS);
    }
    return new SnapshotKeys(prefixes, finalKey);
  }

  /** Key of the state after the first {@code count} versioned migrations (1-based). */
  String afterVersioned(int count) {
    return prefixes.get(count - 1);
  }

  /** Number of versioned migrations. */
  int versionedCount() {
    return prefixes.size();
  }

  /** Key of the state after everything: all versioned, repeatable migrations and callbacks. */
  String finalKey() {
    return finalKey;
  }

  /** True when the final state is the state after the last versioned migration. */
  boolean finalIsLastVersioned() {
    return !prefixes.isEmpty() && finalKey.equals(prefixes.get(prefixes.size() - 1));
  }

  /** Flyway's version from its jar's Maven metadata (what it writes to the history may change). */
  private static String flywayVersion() {
    Properties p = new Properties();
    try (InputStream in =
        Flyway.class.getResourceAsStream(
            "/META-INF/maven/org.flywaydb/flyway-core/pom.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version", "unknown");
  }
}
