package dev.drydock.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.drydock.snapshot.Snapshot;
import dev.drydock.snapshot.SnapshotCache;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code drydock cache list}: one line per migration snapshot (most recently used first), then the
 * total against the limit. {@code --format json} gives, with fields only ever added:
 *
 * <pre>{@code
 * {
 *   "version": 1,
 *   "directory": "/home/me/.cache/drydock/snapshots",
 *   "totalBytes": 86507520,
 *   "limitBytes": 1073741824,
 *   "snapshots": [                          // most recently used first
 *     {"key": "3f2a9c01b7de…",              // 32 hex digits
 *      "identity": "…-cluster-wal1m",       // the binaries and initdb options it runs on
 *      "kind": "final",                     // final: everything applied | prefix: some versioned
 *      "migrations": "V1..V200 + 2 repeatable",
 *      "versioned": 200, "firstVersion": "1", "lastVersion": "200", "repeatable": 2,
 *      "sizeBytes": 43253760,
 *      "created": "2026-12-02T01:40:43Z", "lastUsed": "2026-12-02T01:43:43Z",
 *      "location": "/home/me/project/migrations"}
 *   ]
 * }
 * }</pre>
 */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "Lists the migration snapshots: key, kind, migrations, size, last use, location.")
final class CacheListCommand implements Callable<Integer> {

  enum Format {
    text,
    json
  }

  /** Version of the JSON output: changes if a field is removed or changes meaning. */
  static final int JSON_VERSION = 1;

  @ParentCommand CacheCommand parent;
  @Spec CommandSpec spec;
  @Mixin CacheDirectoryOption cache;
  @Mixin SnapshotLimitOption limit;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Override
  public Integer call() throws JsonProcessingException {
    long limitBytes = limit.bytes(parent.root);
    SnapshotCache snapshots = SnapshotCache.at(cache.resolve());
    List<Snapshot> all = snapshots.list();
    long total = all.stream().mapToLong(Snapshot::sizeBytes).sum();
    PrintWriter out = spec.commandLine().getOut();
    Path directory = snapshots.directory().toAbsolutePath().normalize();
    if (format == Format.json) {
      out.println(json(directory, total, limitBytes, all));
    } else {
      text(out, all, Instant.now());
      out.printf(
          "%s, %s of the %s limit, in %s%n",
          CacheCommand.count(all.size()),
          CacheCommand.megabytes(total),
          CacheCommand.megabytes(limitBytes),
          directory);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static void text(PrintWriter out, List<Snapshot> all, Instant now) {
    if (all.isEmpty()) {
      return;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"KEY", "KIND", "MIGRATIONS", "SIZE", "LAST USED", "LOCATION"});
    for (Snapshot s : all) {
      rows.add(
          new String[] {
            s.key().substring(0, Math.min(12, s.key().length())),
            s.kind().name().toLowerCase(Locale.ROOT),
            s.range(),
            CacheCommand.megabytes(s.sizeBytes()),
            ago(s.lastUsed(), now),
            s.location()
          });
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        boolean last = i == row.length - 1;
        line.append(last ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
      }
      out.println(line);
    }
  }

  /** {@code just now}, {@code 3 min ago}, {@code 5 h ago}, {@code 2 days ago}. */
  static String ago(Instant then, Instant now) {
    Duration d = Duration.between(then, now);
    if (d.toMinutes() < 1) {
      return "just now";
    }
    if (d.toHours() < 1) {
      return d.toMinutes() + " min ago";
    }
    if (d.toDays() < 1) {
      return d.toHours() + " h ago";
    }
    return d.toDays() + (d.toDays() == 1 ? " day ago" : " days ago");
  }

  private static String json(Path directory, long total, long limitBytes, List<Snapshot> all)
      throws JsonProcessingException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("version", JSON_VERSION);
    root.put("directory", directory.toString());
    root.put("totalBytes", total);
    root.put("limitBytes", limitBytes);
    List<Map<String, Object>> list = new ArrayList<>();
    for (Snapshot s : all) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("key", s.key());
      m.put("identity", s.identity());
      m.put("kind", s.kind().name().toLowerCase(Locale.ROOT));
      m.put("migrations", s.range());
      m.put("versioned", s.versionedCount());
      m.put("firstVersion", s.firstVersion());
      m.put("lastVersion", s.lastVersion());
      m.put("repeatable", s.repeatableCount());
      m.put("sizeBytes", s.sizeBytes());
      m.put("created", s.created().toString());
      m.put("lastUsed", s.lastUsed().toString());
      m.put("location", s.location());
      list.add(m);
    }
    root.put("snapshots", list);
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
  }
}
