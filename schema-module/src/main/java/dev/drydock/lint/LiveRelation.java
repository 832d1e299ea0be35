package dev.drydock.lint;

/**
 * An existing relation as the live database has it (read-only queries of {@code pg_class}, {@code
 * pg_stat_user_tables}, {@code pg_total_relation_size}).
 *
 * @param name {@code schema.name}
 * @param bytes {@code pg_total_relation_size}: table, indexes and TOAST
 * @param estimatedRows {@code pg_class.reltuples}; -1 when never analyzed
 * @param writes rows inserted, updated and deleted since the statistics were reset
 */
public record LiveRelation(String name, long bytes, long estimatedRows, long writes) {

  /** {@code 42 GB, ~1.2M rows, 3.4M writes}. */
  public String describe() {
    return human(bytes)
        + ", "
        + (estimatedRows < 0
            ? "rows unknown (never analyzed)"
            : "~" + count(estimatedRows) + " rows")
        + ", "
        + count(writes)
        + " writes";
  }

  static String human(long bytes) {
    String[] units = {"B", "kB", "MB", "GB", "TB"};
    double v = bytes;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return u == 0 ? bytes + " B" : String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
  }

  static String count(long n) {
    if (n < 1000) {
      return Long.toString(n);
    }
    if (n < 1_000_000) {
      return String.format(java.util.Locale.ROOT, "%.1fk", n / 1000.0);
    }
    if (n < 1_000_000_000) {
      return String.format(java.util.Locale.ROOT, "%.1fM", n / 1_000_000.0);
    }
    return String.format(java.util.Locale.ROOT, "%.1fG", n / 1_000_000_000.0);
  }
}
