package dev.drydock.engine;

import dev.drydock.compat.SqlScript;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * How migrations written for a {@link Target} are applied to a throwaway PostgreSQL: every
 * statement text is rewritten by the target's {@link StatementRewrite}s before it reaches the
 * driver ({@link #wrap(DataSource)}), and each rewrite is told to the log. Flyway reads and
 * checksums the files as they are. Immutable.
 *
 * <pre>{@code
 * TargetDialect dsql = TargetDialect.configure().target(Target.DSQL).log(System.err::println).build();
 * Migrations.configure().location(dir).target(dsql).build();
 * }</pre>
 */
public final class TargetDialect {

  /** PostgreSQL itself: nothing rewritten. */
  public static final TargetDialect POSTGRESQL = configure().build();

  private final Target target;
  private final Consumer<String> log;

  private TargetDialect(Builder b) {
    this.target = b.target;
    this.log = b.log;
  }

  public static Builder configure() {
    return new Builder();
  }

  public Target target() {
    return target;
  }

  /** Whether statements are rewritten at all. */
  public boolean rewrites() {
    return !target.rules().rewrites().isEmpty();
  }

  /** {@code dataSource} with every statement text rewritten, or itself when nothing is. */
  public DataSource wrap(DataSource dataSource) {
    return rewrites() ? new RewritingDataSource(dataSource, this) : dataSource;
  }

  /**
   * {@code sql} in its PostgreSQL form; each change is told to the log: the statement, what was
   * matched, its replacement, why and the source.
   */
  public String rewrite(String sql) {
    if (sql == null) {
      return null;
    }
    String result = sql;
    for (StatementRewrite r : target.rules().rewrites()) {
      String masked = SqlScript.mask(result);
      String statement = firstCodeLine(result, masked);
      result =
          r.apply(
              result,
              masked,
              change ->
                  log.accept(
                      target.id()
                          + ": "
                          + statement
                          + ": `"
                          + oneLine(change.matched())
                          + "` applied as `"
                          + oneLine(change.replacement())
                          + "` ("
                          + r.explanation()
                          + "; "
                          + r.source()
                          + ")"));
    }
    return result;
  }

  /** The statement's first line of code (after comments), in backquotes, for the log. */
  private static String firstCodeLine(String sql, String masked) {
    int start = 0;
    while (start < masked.length() && Character.isWhitespace(masked.charAt(start))) {
      start++;
    }
    int eol = sql.indexOf('\n', start);
    String line = sql.substring(start, eol < 0 ? sql.length() : eol).strip();
    boolean more = eol >= 0 && !sql.substring(eol).isBlank();
    if (line.length() > 120) {
      line = line.substring(0, 120);
      more = true;
    }
    return "`" + line + (more ? " …" : "") + "`";
  }

  private static String oneLine(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }

  /** Configuration of a {@link TargetDialect}. */
  public static final class Builder {
    private Target target = Target.POSTGRESQL;
    private Consumer<String> log = line -> {};

    private Builder() {}

    public Builder target(Target target) {
      this.target = Objects.requireNonNull(target, "target");
      return this;
    }

    /** Where each rewrite is told (e.g. {@code --verbose} output); nowhere by default. */
    public Builder log(Consumer<String> log) {
      this.log = Objects.requireNonNull(log, "log");
      return this;
    }

    public TargetDialect build() {
      return new TargetDialect(this);
    }
  }
}
