package dev.drydock.introspect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One catalog query, read from the resource {@code sql/<name>.sql} next to this class. Its named
 * parameters ({@code :schemas}, {@code :history_table}) become JDBC placeholders, bound in order.
 *
 * @param name the query's name, also what the {@link Introspector.QueryListener} is told
 * @param sql the statement with {@code ?} placeholders
 * @param parameters what each placeholder stands for, in order
 */
record CatalogSql(String name, String sql, List<CatalogSql.Parameter> parameters) {

  /** The values a catalog query can ask for. */
  enum Parameter {
    /** The introspected schemas, a {@code text[]}. */
    SCHEMAS,
    /** The Flyway history table's name, left out of every relation query. */
    HISTORY_TABLE
  }

  /** {@code :name}, but not the {@code ::type} of a cast. */
  private static final Pattern PARAMETER = Pattern.compile("(?<!:):(schemas|history_table)\\b");

  CatalogSql {
    parameters = List.copyOf(parameters);
  }

  static CatalogSql load(String name) {
    String resource = "sql/" + name + ".sql";
    try (InputStream in = CatalogSql.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing catalog query " + resource);
      }
      return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read catalog query " + resource, e);
    }
  }

  static CatalogSql parse(String name, String text) {
    List<Parameter> parameters = new ArrayList<>();
    Matcher m = PARAMETER.matcher(text);
    StringBuilder sql = new StringBuilder();
    while (m.find()) {
      parameters.add(m.group(1).equals("schemas") ? Parameter.SCHEMAS : Parameter.HISTORY_TABLE);
      m.appendReplacement(sql, "?");
    }
    m.appendTail(sql);
    return new CatalogSql(name, sql.toString(), parameters);
  }
}
