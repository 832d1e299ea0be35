package dev.drydock.bench.corpus;

import java.util.List;

/**
 * A generated migration history, as a long-lived project accumulates one: {@code V1__...sql} to
 * {@code V<count>__...sql}, each a small change, deterministic for a seed. The mix, drawn per
 * migration: new tables (6–10 columns of mixed types, foreign keys to 0–2 earlier tables, often an
 * index on a foreign key), added columns, indexes (plain, multi-column, unique, partial), enums
 * ({@code CREATE TYPE ... AS ENUM}) and values added to them ({@code ALTER TYPE ... ADD VALUE}, in
 * a migration of its own), plpgsql and SQL functions, triggers (an {@code updated_at} toucher per
 * table, a shared audit trigger function), views joining a table to its parent, and a few data
 * migrations (100 rows). V1 creates the first enum, the audit log and its trigger function.
 *
 * <pre>{@code
 * List<MigrationFile> files = HistoryCorpus.configure().migrations(200).seed(15).build().files();
 * }</pre>
 */
public final class HistoryCorpus {

  private final int count;
  private final long seed;

  private HistoryCorpus(Builder b) {
    this.count = b.count;
    this.seed = b.seed;
  }

  public static Builder configure() {
    return new Builder();
  }

  /** The migrations, V1 first; the same list every time for the same count and seed. */
  public List<MigrationFile> files() {
    return new HistoryGenerator(count, seed).generate();
  }

  /** Builder of a {@link HistoryCorpus}: 200 migrations, seed 15 unless told. */
  public static final class Builder {
    private int count = 200;
    private long seed = 15;

    private Builder() {}

    public Builder migrations(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("a history needs at least 1 migration, not " + count);
      }
      this.count = count;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public HistoryCorpus build() {
      return new HistoryCorpus(this);
    }
  }
}
