package dev.drydock.bench.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** The state of one {@link HistoryCorpus} generation: what the migrations so far created. */
final class HistoryGenerator {

  private static final String[] NOUNS = {
    "account",
    "customer",
    "invoice",
    "order_line",
    "product",
    "shipment",
    "warehouse",
    "supplier",
    "payment",
    "refund",
    "coupon",
    "review",
    "category",
    "address",
    "contact",
    "ticket",
    "session",
    "device",
    "subscription",
    "plan",
    "team",
    "project",
    "task",
    "comment",
    "attachment",
    "tag",
    "event",
    "notification",
    "report",
    "budget"
  };
  private static final String[] ENUM_WORDS = {
    "state", "level", "channel", "tier", "mode", "source", "phase", "grade", "region", "flavor"
  };
  private static final String[] VALUE_WORDS = {
    "new", "active", "pending", "done", "failed", "archived", "low", "mid", "high", "web",
    "mobile", "partner", "draft", "review", "live", "north", "south", "east", "west", "basic"
  };

  /** What one migration does, with its relative weight in the mix. */
  private enum Kind {
    TABLE(36),
    ADD_COLUMN(16),
    INDEX(12),
    ENUM(6),
    ENUM_VALUE(6),
    TOUCH_TRIGGER(6),
    AUDIT_TRIGGER(4),
    FUNCTION(6),
    VIEW(6),
    DATA(2);

    final int weight;

    Kind(int weight) {
      this.weight = weight;
    }
  }

  /** A column; {@code required}: NOT NULL without a default (an insert must give it). */
  private record Column(String name, String type, boolean required) {}

  private record Table(String name, List<Column> columns, List<String> parents) {}

  private record EnumType(String name, List<String> values) {}

  private final Random random;
  private final List<Table> tables = new ArrayList<>();
  private final List<EnumType> enums = new ArrayList<>();
  private final List<String> touched = new ArrayList<>();
  private final List<String> audited = new ArrayList<>();
  private int views;

  private final int count;

  HistoryGenerator(int count, long seed) {
    this.count = count;
    this.random = new Random(seed);
  }

  List<MigrationFile> generate() {
    List<MigrationFile> files = new ArrayList<>();
    StringBuilder sql = new StringBuilder();
    enumType(sql);
    sql.append(
        """
        CREATE TABLE audit_log (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          table_name text NOT NULL,
          operation varchar(8) NOT NULL,
          row_data jsonb,
          changed_at timestamptz NOT NULL DEFAULT now()
        );

        CREATE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO audit_log (table_name, operation, row_data)
          VALUES (TG_TABLE_NAME, TG_OP, to_jsonb(COALESCE(NEW, OLD)));
          RETURN NULL; -- an AFTER trigger: the result is ignored
        END;
        $$;
        """);
    table(sql, 1);
    files.add(new MigrationFile("V1__baseline.sql", sql.toString()));
    for (int v = 2; v <= count; v++) {
      sql = new StringBuilder();
      String description = migration(pick(), v, sql);
      files.add(new MigrationFile("V" + v + "__" + description + ".sql", sql.toString()));
    }
    return files;
  }

  private Kind pick() {
    while (true) {
      int total = 0;
      for (Kind k : Kind.values()) {
        total += k.weight;
      }
      int r = random.nextInt(total);
      for (Kind k : Kind.values()) {
        r -= k.weight;
        if (r < 0) {
          if (possible(k)) {
            return k;
          }
          break;
        }
      }
    }
  }

  private boolean possible(Kind kind) {
    return switch (kind) {
      case ENUM -> enums.size() < ENUM_WORDS.length * 3;
      case TOUCH_TRIGGER -> touched.size() < tables.size();
      case AUDIT_TRIGGER -> audited.size() < tables.size();
      default -> true;
    };
  }

  /** Writes migration {@code v} of {@code kind} into {@code sql}; returns its description. */
  private String migration(Kind kind, int v, StringBuilder sql) {
    return switch (kind) {
      case TABLE -> "create_" + table(sql, v);
      case ADD_COLUMN -> addColumn(sql, v);
      case INDEX -> index(sql, v);
      case ENUM -> "create_type_" + enumType(sql);
      case ENUM_VALUE -> enumValue(sql, v);
      case TOUCH_TRIGGER -> touchTrigger(sql);
      case AUDIT_TRIGGER -> auditTrigger(sql);
      case FUNCTION -> function(sql, v);
      case VIEW -> view(sql);
      case DATA -> data(sql);
    };
  }

  private String table(StringBuilder sql, int v) {
    String name = NOUNS[random.nextInt(NOUNS.length)] + "_" + (tables.size() + 1);
    List<Column> columns = new ArrayList<>();
    List<String> parents = new ArrayList<>();
    int fks = tables.isEmpty() ? 0 : random.nextInt(3);
    for (int i = 0; i < fks; i++) {
      Table parent = tables.get(tables.size() - 1 - random.nextInt(Math.min(tables.size(), 12)));
      if (!parents.contains(parent.name())) {
        parents.add(parent.name());
        columns.add(new Column(parent.name() + "_id", "bigint", false));
      }
    }
    int wanted = 6 + random.nextInt(5); // with id and created_at
    while (columns.size() < wanted - 2) {
      Column c = randomColumn(v, columns.size());
      String kind = c.name().replaceFirst("_\\d+$", "");
      if (columns.stream().noneMatch(o -> o.name().replaceFirst("_\\d+$", "").equals(kind))) {
        columns.add(c);
      }
    }
    sql.append("CREATE TABLE ").append(name).append(" (\n");
    sql.append("  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
    for (Column c : columns) {
      sql.append(",\n  ").append(c.name()).append(' ').append(c.type());
      if (c.name().endsWith("_id") && parents.contains(c.name().replaceFirst("_id$", ""))) {
        sql.append(" REFERENCES ").append(c.name().replaceFirst("_id$", "")).append(" (id)");
        sql.append(random.nextBoolean() ? " ON DELETE CASCADE" : "");
      }
    }
    sql.append(",\n  created_at timestamptz NOT NULL DEFAULT now()\n);\n");
    for (String parent : parents) {
      if (random.nextInt(3) > 0) {
        sql.append(
            String.format(
                Locale.ROOT,
                "%nCREATE INDEX %s_%s_idx ON %s (%s_id);%n",
                name,
                parent,
                name,
                parent));
      }
    }
    if (random.nextInt(4) == 0) {
      sql.append("\nCOMMENT ON TABLE ").append(name).append(" IS 'Created by V").append(v);
      sql.append(" (the owner''s request)';\n");
    }
    columns.add(0, new Column("id", "bigint", false));
    columns.add(new Column("created_at", "timestamptz", false));
    tables.add(new Table(name, columns, parents));
    return name;
  }

  private Column randomColumn(int v, int position) {
    String suffix = "_" + position;
    return switch (random.nextInt(enums.isEmpty() ? 10 : 11)) {
      case 0 -> new Column("name" + suffix, "text NOT NULL", true);
      case 1 ->
          new Column("code" + suffix, "varchar(" + (8 + random.nextInt(56)) + ") NOT NULL", true);
      case 2 -> new Column("quantity" + suffix, "integer NOT NULL DEFAULT 0", false);
      case 3 -> new Column("amount" + suffix, "numeric(12, 2)", false);
      case 4 -> new Column("active" + suffix, "boolean NOT NULL DEFAULT true", false);
      case 5 -> new Column("updated_at", "timestamptz", false);
      case 6 -> new Column("due_on" + suffix, "date", false);
      case 7 -> new Column("metadata" + suffix, "jsonb NOT NULL DEFAULT '{}'", false);
      case 8 -> new Column("external_id" + suffix, "uuid UNIQUE", false);
      case 9 -> new Column("note" + suffix, "text DEFAULT 'n/a (V" + v + ")'", false);
      default -> {
        EnumType e = enums.get(random.nextInt(enums.size()));
        yield new Column(
            e.name() + suffix, e.name() + " NOT NULL DEFAULT '" + e.values().get(0) + "'", false);
      }
    };
  }

  private String addColumn(StringBuilder sql, int v) {
    Table t = tables.get(random.nextInt(tables.size()));
    Column c = randomColumn(v, 100 + v);
    if (c.required() || t.columns().stream().anyMatch(o -> o.name().equals(c.name()))) {
      // NOT NULL without a default cannot be added to a table with rows: a default is needed
      String type = c.required() ? c.type() + " DEFAULT ''" : c.type();
      Column withDefault = new Column("extra_" + v, type, false);
      return addColumn(sql, t, withDefault);
    }
    return addColumn(sql, t, c);
  }

  private static String addColumn(StringBuilder sql, Table t, Column c) {
    sql.append("ALTER TABLE ").append(t.name()).append(" ADD COLUMN ").append(c.name());
    sql.append(' ').append(c.type()).append(";\n");
    t.columns().add(c);
    return "add_" + t.name() + "_" + c.name();
  }

  private String index(StringBuilder sql, int v) {
    Table t = tables.get(random.nextInt(tables.size()));
    List<Column> columns = t.columns().subList(1, t.columns().size());
    Column first = columns.get(random.nextInt(columns.size()));
    String name = t.name() + "_v" + v + "_idx";
    switch (random.nextInt(4)) {
      case 0 -> {
        Column second = columns.get(random.nextInt(columns.size()));
        String cols = first == second ? first.name() : first.name() + ", " + second.name();
        sql.append("CREATE INDEX ").append(name).append(" ON ").append(t.name());
        sql.append(" (").append(cols).append(");\n");
      }
      case 1 -> {
        sql.append("CREATE UNIQUE INDEX ").append(name).append(" ON ").append(t.name());
        sql.append(" (").append(first.name()).append(", id);\n");
      }
      case 2 -> {
        sql.append("CREATE INDEX ").append(name).append(" ON ").append(t.name());
        sql.append(" (created_at DESC) WHERE ").append(first.name()).append(" IS NOT NULL;\n");
      }
      default -> {
        sql.append("CREATE INDEX ").append(name).append(" ON ").append(t.name());
        sql.append(" (").append(first.name()).append(") INCLUDE (created_at);\n");
      }
    }
    return "index_" + t.name();
  }

  private String enumType(StringBuilder sql) {
    String name = ENUM_WORDS[enums.size() % ENUM_WORDS.length] + "_" + (enums.size() + 1);
    List<String> values = new ArrayList<>();
    int n = 3 + random.nextInt(4);
    while (values.size() < n) {
      String value = VALUE_WORDS[random.nextInt(VALUE_WORDS.length)];
      if (!values.contains(value)) {
        values.add(value);
      }
    }
    sql.append("CREATE TYPE ").append(name).append(" AS ENUM ('");
    sql.append(String.join("', '", values)).append("');\n\n");
    enums.add(new EnumType(name, values));
    return name;
  }

  /** Alone in its migration: a value added to an enum cannot be used in the same transaction. */
  private String enumValue(StringBuilder sql, int v) {
    EnumType e = enums.get(random.nextInt(enums.size()));
    String value = "added_v" + v;
    sql.append("ALTER TYPE ").append(e.name()).append(" ADD VALUE '").append(value).append('\'');
    if (random.nextBoolean()) {
      String before = e.values().get(random.nextInt(e.values().size()));
      sql.append(" BEFORE '").append(before).append('\'');
    }
    sql.append(";\n");
    e.values().add(value);
    return "add_value_" + e.name();
  }

  private String touchTrigger(StringBuilder sql) {
    Table t = tables.stream().filter(o -> !touched.contains(o.name())).findFirst().orElseThrow();
    if (t.columns().stream().noneMatch(c -> c.name().equals("updated_at"))) {
      addColumn(sql, t, new Column("updated_at", "timestamptz", false));
      sql.append('\n');
    }
    sql.append(
        String.format(
            Locale.ROOT,
            """
            CREATE FUNCTION %1$s_touch() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
              IF NEW IS DISTINCT FROM OLD THEN
                NEW.updated_at := now();
              END IF;
              RETURN NEW;
            END;
            $fn$;

            CREATE TRIGGER %1$s_touch BEFORE UPDATE ON %1$s
              FOR EACH ROW EXECUTE FUNCTION %1$s_touch();
            """,
            t.name()));
    touched.add(t.name());
    return "touch_" + t.name();
  }

  private String auditTrigger(StringBuilder sql) {
    Table t = tables.stream().filter(o -> !audited.contains(o.name())).findFirst().orElseThrow();
    sql.append("CREATE TRIGGER ").append(t.name()).append("_audit\n");
    sql.append("  AFTER INSERT OR UPDATE OR DELETE ON ").append(t.name());
    sql.append("\n  FOR EACH ROW EXECUTE FUNCTION audit_row();\n");
    audited.add(t.name());
    return "audit_" + t.name();
  }

  private String function(StringBuilder sql, int v) {
    Table t = tables.get(random.nextInt(tables.size()));
    if (random.nextBoolean()) {
      sql.append(
          String.format(
              Locale.ROOT,
              """
              CREATE OR REPLACE FUNCTION %1$s_count_since(since timestamptz)
                RETURNS bigint LANGUAGE plpgsql STABLE AS $body$
              DECLARE
                n bigint;
              BEGIN
                SELECT count(*) INTO n FROM %1$s WHERE created_at >= since;
                RAISE DEBUG 'counted %% rows; it''s V%2$d', n;
                RETURN n;
              END;
              $body$;
              """,
              t.name(),
              v));
      return "function_" + t.name() + "_count_since";
    }
    sql.append(
        String.format(
            Locale.ROOT,
            """
            CREATE OR REPLACE FUNCTION %1$s_exists(wanted bigint) RETURNS boolean
              LANGUAGE sql STABLE
              AS 'SELECT EXISTS (SELECT 1 FROM %1$s WHERE id = wanted)';
            """,
            t.name()));
    return "function_" + t.name() + "_exists";
  }

  private String view(StringBuilder sql) {
    List<Table> children = tables.stream().filter(o -> !o.parents().isEmpty()).toList();
    Table t = children.isEmpty() ? tables.get(0) : children.get(random.nextInt(children.size()));
    String name = t.name() + "_v" + (++views);
    List<Column> showable =
        t.columns().stream()
            .filter(c -> !c.name().equals("id") && !c.name().equals("created_at"))
            .toList();
    Column shown = showable.get(random.nextInt(showable.size()));
    sql.append("CREATE VIEW ").append(name).append(" AS\n  SELECT c.id, c.");
    sql.append(shown.name()).append(", c.created_at");
    if (t.parents().isEmpty()) {
      sql.append("\n  FROM ").append(t.name()).append(" c\n  WHERE c.created_at > now() - ");
      sql.append("interval '30 days';\n");
    } else {
      String parent = t.parents().get(0);
      sql.append(", p.created_at AS ").append(parent).append("_created_at\n  FROM ");
      sql.append(t.name()).append(" c\n  LEFT JOIN ").append(parent).append(" p ON p.id = c.");
      sql.append(parent).append("_id;\n");
    }
    return "view_" + name;
  }

  private String data(StringBuilder sql) {
    Table t = tables.get(random.nextInt(tables.size()));
    List<Column> required = t.columns().stream().filter(Column::required).toList();
    sql.append("INSERT INTO ").append(t.name()).append(" (created_at");
    required.forEach(c -> sql.append(", ").append(c.name()));
    sql.append(")\nSELECT now() - g * interval '1 day'");
    required.forEach(c -> sql.append(", 'seed-' || g"));
    sql.append("\nFROM generate_series(1, 100) AS g;\n");
    return "seed_" + t.name();
  }
}
