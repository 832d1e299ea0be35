package dev.drydock.bench.codegen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A generated schema of {@code n} tables in one migration, the shape issue 25 measures: per table
 * an identity key, an enum column, a {@code jsonb} and a {@code timestamptz} column, a foreign key
 * to the previous table and an index.
 */
public final class WideSchema {

  private WideSchema() {}

  /** The one migration's SQL. */
  public static String sql(int tables) {
    StringBuilder sql =
        new StringBuilder("CREATE TYPE status AS ENUM ('new', 'active', 'closed');\n");
    for (int i = 1; i <= tables; i++) {
      sql.append(table(i));
    }
    return sql.toString();
  }

  /** Tables per migration: one transaction locks every table it creates. */
  static final int PER_MIGRATION = 1000;

  /**
   * Writes the schema into a new directory {@code dir} and returns it: {@code V1__wide_<n>.sql}, or
   * above {@value #PER_MIGRATION} tables one migration per {@value #PER_MIGRATION} (PostgreSQL's
   * default {@code max_locks_per_transaction} does not hold 5,000 new tables in one transaction).
   */
  public static Path write(Path dir, int tables) throws IOException {
    Files.createDirectories(dir);
    String all = sql(tables);
    if (tables <= PER_MIGRATION) {
      Files.writeString(dir.resolve("V1__wide_" + tables + ".sql"), all, StandardCharsets.UTF_8);
      return dir;
    }
    StringBuilder sql =
        new StringBuilder("CREATE TYPE status AS ENUM ('new', 'active', 'closed');\n");
    for (int i = 1; i <= tables; i++) {
      sql.append(table(i));
      if (i % PER_MIGRATION == 0 || i == tables) {
        Files.writeString(
            dir.resolve("V" + ((i - 1) / PER_MIGRATION + 1) + "__wide_" + i + ".sql"),
            sql,
            StandardCharsets.UTF_8);
        sql.setLength(0);
      }
    }
    return dir;
  }

  static String table(int i) {
    String name = name(i);
    return "CREATE TABLE "
        + name
        + " (\n"
        + "  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
        + (i > 1 ? "  parent_id bigint REFERENCES " + name(i - 1) + " (id),\n" : "")
        + "  status status NOT NULL DEFAULT 'new',\n"
        + "  payload jsonb,\n"
        + "  created_at timestamptz NOT NULL DEFAULT now()\n"
        + ");\n"
        + "CREATE INDEX "
        + name
        + "_created_at_idx ON "
        + name
        + " (created_at);\n";
  }

  static String name(int i) {
    return String.format(Locale.ROOT, "t%05d", i);
  }
}
