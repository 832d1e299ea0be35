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

  /** Writes {@code V1__wide_<n>.sql} into a new directory {@code dir} and returns it. */
  public static Path write(Path dir, int tables) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("V1__wide_" + tables + ".sql"), sql(tables), StandardCharsets.UTF_8);
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
