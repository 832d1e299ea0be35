package dev.drydock.bench.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A pg_dump split into many migrations, as if its history had been written one change at a time:
 * the dump's statements ({@link SqlStatements}) in its own order, which is dependency order, cut
 * into {@code files} migrations of about equal statement counts. The dump's leading session
 * settings ({@code SET ...}, {@code SELECT pg_catalog.set_config(...)}: an empty search path, no
 * function body checks) open every migration, so each runs as it would inside the whole dump.
 */
public final class PagilaSplit {
  private PagilaSplit() {}

  /** The migrations {@code V1__...} to {@code V<files>__...} of {@code dump}. */
  public static List<MigrationFile> split(String dump, int files) {
    List<String> statements = SqlStatements.split(dump);
    int first = 0;
    StringBuilder header = new StringBuilder();
    while (first < statements.size() && isSessionSetting(statements.get(first))) {
      header.append(withoutComments(statements.get(first))).append('\n');
      first++;
    }
    List<String> body = statements.subList(first, statements.size());
    if (files < 1 || files > body.size()) {
      throw new IllegalArgumentException(
          "cannot split " + body.size() + " statements into " + files + " migrations");
    }
    List<MigrationFile> migrations = new ArrayList<>();
    for (int f = 0; f < files; f++) {
      List<String> part = body.subList(f * body.size() / files, (f + 1) * body.size() / files);
      StringBuilder sql = new StringBuilder(header).append('\n');
      part.forEach(s -> sql.append(s).append("\n\n"));
      migrations.add(
          new MigrationFile("V" + (f + 1) + "__" + describe(part.get(0)) + ".sql", sql.toString()));
    }
    return migrations;
  }

  private static boolean isSessionSetting(String statement) {
    String s = withoutComments(statement).toUpperCase(Locale.ROOT);
    return s.startsWith("SET ") || s.startsWith("SELECT PG_CATALOG.SET_CONFIG(");
  }

  /** A file name description from a statement's first words, e.g. {@code create_table_actor}. */
  static String describe(String statement) {
    String[] all = withoutComments(statement).split("\\s+");
    String words = String.join(" ", List.of(all).subList(0, Math.min(4, all.length)));
    String d =
        words
            .toLowerCase(Locale.ROOT)
            .replaceAll("\\bpublic\\.", "")
            .replaceAll("[^a-z0-9]+", "_")
            .replaceAll("^_+|_+$", "");
    d = d.length() > 48 ? d.substring(0, 48).replaceAll("_+$", "") : d;
    return d.isEmpty() ? "statements" : d;
  }

  private static String withoutComments(String statement) {
    return statement.replaceAll("(?m)^\\s*--.*$", "").strip();
  }
}
