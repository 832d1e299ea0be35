package dev.drydock.studio;

/** A schema of many tables linked by foreign keys in several layers, for the diagram's layout. */
final class StudioDiagramSchema {

  private StudioDiagramSchema() {}

  /**
   * {@code count} tables {@code schema.t00...}: each after the fifth references one or two earlier
   * ones, so the foreign-key depth grows to several layers.
   */
  static String sql(String schema, int count) {
    StringBuilder sql = new StringBuilder("CREATE SCHEMA " + schema + ";\n");
    for (int i = 0; i < count; i++) {
      String name = String.format("t%02d", i);
      sql.append("CREATE TABLE ")
          .append(schema)
          .append('.')
          .append(name)
          .append(" (id bigint PRIMARY KEY, label text");
      if (i >= 5) {
        sql.append(String.format(", a_id bigint REFERENCES %s.t%02d (id)", schema, (i * 7) % i));
      }
      if (i >= 12 && i % 2 == 0) {
        sql.append(String.format(", b_id bigint REFERENCES %s.t%02d (id)", schema, i - 3));
      }
      for (int c = 0; c < i % 6; c++) {
        sql.append(", extra_").append(c).append(" text");
      }
      sql.append(");\n");
    }
    return sql.toString();
  }
}
