package dev.drydock.codegen.meta;

import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.concat;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.greatest;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.lower;
import static org.jooq.impl.DSL.nullif;
import static org.jooq.impl.DSL.nvl;
import static org.jooq.impl.DSL.substring;
import static org.jooq.impl.DSL.when;
import static org.jooq.impl.SQLDataType.BIGINT;
import static org.jooq.meta.postgres.information_schema.Tables.COLUMNS;
import static org.jooq.meta.postgres.pg_catalog.Tables.PG_ATTRIBUTE;
import static org.jooq.meta.postgres.pg_catalog.Tables.PG_DESCRIPTION;
import static org.jooq.meta.postgres.pg_catalog.Tables.PG_TYPE;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The query jOOQ 3.19's {@code PostgresTableDefinition.getElements0()} sends for one table, for all
 * tables of the generated schemas at once: the same columns and expressions, the table's schema and
 * name added, the identity window partitioned by table (per table, as jOOQ's one-table query counts
 * it), ordered by table and then by ordinal position as jOOQ orders each table's columns.
 */
final class ColumnsQuery {

  // the positions of the selected columns in each record: read by index, not by field (jOOQ finds
  // a field by comparing it with each of the record's fields, a cost per value read)
  static final int TABLE_SCHEMA = 0;
  static final int TABLE_NAME = 1;
  static final int COLUMN_NAME = 2;
  static final int ORDINAL_POSITION = 3;
  static final int DATA_TYPE = 4;
  static final int CHARACTER_MAXIMUM_LENGTH = 5;
  static final int NUMERIC_PRECISION = 6;
  static final int NUMERIC_SCALE = 7;
  static final int IS_IDENTITY = 8;
  static final int IS_NULLABLE = 9;
  static final int GENERATION_EXPRESSION = 10;
  static final int ATTGENERATED = 11;
  static final int COLUMN_DEFAULT = 12;
  static final int UDT_SCHEMA = 13;
  static final int UDT_NAME = 14;
  static final int DESCRIPTION = 15;

  private final DSLContext create;
  private final boolean is10;
  private final boolean is12;

  ColumnsQuery(DSLContext create, boolean is10, boolean is12) {
    this.create = create;
    this.is10 = is10;
    this.is12 = is12;
  }

  /** Each table's column rows, by {@code [schema, table]}, in ordinal order. */
  Map<List<String>, List<Record>> fetch(List<String> schemata) {
    Field<String> dataType =
        when(
                COLUMNS.INTERVAL_TYPE.like(any(inline("%YEAR%"), inline("%MONTH%"))),
                inline("INTERVAL YEAR TO MONTH"))
            .when(
                COLUMNS.INTERVAL_TYPE.like(
                    any(inline("%DAY%"), inline("%HOUR%"), inline("%MINUTE%"), inline("%SECOND%"))),
                inline("INTERVAL DAY TO SECOND"))
            .when(
                COLUMNS
                    .DATA_TYPE
                    .eq(inline("USER-DEFINED"))
                    .and(COLUMNS.UDT_NAME.eq(inline("geometry"))),
                inline("geometry"))
            .when(
                COLUMNS.DATA_TYPE.eq(inline("ARRAY")),
                concat(
                    substring(PG_TYPE.TYPNAME, inline(2)),
                    DSL.repeat(inline(" ARRAY"), greatest(inline(1), PG_ATTRIBUTE.ATTNDIMS))))
            .else_(COLUMNS.DATA_TYPE);
    Field<String> udtSchema = COLUMNS.UDT_SCHEMA;
    Field<Integer> length =
        nvl(
            COLUMNS.CHARACTER_MAXIMUM_LENGTH,
            when(
                COLUMNS.UDT_NAME.in(inline("_varchar"), inline("_bpchar"), inline("_char")),
                nullif(PG_ATTRIBUTE.ATTTYPMOD, inline(-1)).sub(inline(4))));
    Field<Integer> precision =
        coalesce(
            COLUMNS.DATETIME_PRECISION,
            COLUMNS.NUMERIC_PRECISION,
            when(
                    COLUMNS
                        .UDT_NAME
                        .in(
                            inline("_time"),
                            inline("_timetz"),
                            inline("_timestamp"),
                            inline("_timestamptz"))
                        .and(PG_ATTRIBUTE.ATTTYPMOD.ge(inline(0))),
                    PG_ATTRIBUTE.ATTTYPMOD)
                .when(
                    COLUMNS.UDT_NAME.eq(inline("_numeric")),
                    nullif(PG_ATTRIBUTE.ATTTYPMOD, inline(-1))
                        .sub(inline(4))
                        .shr(inline(16))
                        .bitAnd(inline(65535))));
    Field<Integer> scale =
        nvl(
            COLUMNS.NUMERIC_SCALE,
            when(
                COLUMNS.UDT_NAME.eq(inline("_numeric")),
                nullif(PG_ATTRIBUTE.ATTTYPMOD, inline(-1)).sub(inline(4)).bitAnd(inline(65535))));
    Field<String> serialColumnDefault = inline("nextval('%_seq'::regclass)");
    Field<String> attgenerated = is12 ? PG_ATTRIBUTE.ATTGENERATED : inline("s");
    Condition isSerial = lower(COLUMNS.COLUMN_DEFAULT).likeIgnoreCase(serialColumnDefault);
    Condition isIdentity10 = COLUMNS.IS_IDENTITY.eq(inline("YES"));
    Condition isIdentity =
        is10
            ? isIdentity10.or(
                count()
                    .filterWhere(isIdentity10)
                    .over()
                    .partitionBy(COLUMNS.TABLE_SCHEMA, COLUMNS.TABLE_NAME)
                    .eq(inline(0))
                    .and(isSerial))
            : isSerial;

    Map<List<String>, List<Record>> result = new HashMap<>();
    for (Record record :
        create
            .select(
                COLUMNS.TABLE_SCHEMA,
                COLUMNS.TABLE_NAME,
                COLUMNS.COLUMN_NAME,
                COLUMNS.ORDINAL_POSITION,
                dataType.as(COLUMNS.DATA_TYPE),
                length.as(COLUMNS.CHARACTER_MAXIMUM_LENGTH),
                precision.as(COLUMNS.NUMERIC_PRECISION),
                scale.as(COLUMNS.NUMERIC_SCALE),
                when(isIdentity, inline("YES")).as(COLUMNS.IS_IDENTITY),
                COLUMNS.IS_NULLABLE,
                COLUMNS.GENERATION_EXPRESSION.as(COLUMNS.GENERATION_EXPRESSION),
                attgenerated.as(PG_ATTRIBUTE.ATTGENERATED),
                when(isIdentity, inline(null, String.class))
                    .else_(COLUMNS.COLUMN_DEFAULT)
                    .as(COLUMNS.COLUMN_DEFAULT),
                coalesce(COLUMNS.DOMAIN_SCHEMA, udtSchema).as(COLUMNS.UDT_SCHEMA),
                coalesce(
                        COLUMNS.DOMAIN_NAME,
                        when(
                                COLUMNS.DATA_TYPE.eq(inline("ARRAY")),
                                substring(PG_TYPE.TYPNAME, inline(2)))
                            .else_(COLUMNS.UDT_NAME))
                    .as(COLUMNS.UDT_NAME),
                PG_DESCRIPTION.DESCRIPTION)
            .from(COLUMNS)
            .join(PG_ATTRIBUTE)
            .on(PG_ATTRIBUTE.ATTNAME.eq(COLUMNS.COLUMN_NAME))
            .and(PG_ATTRIBUTE.pgClass().RELNAME.eq(COLUMNS.TABLE_NAME))
            .and(PG_ATTRIBUTE.pgClass().pgNamespace().NSPNAME.eq(COLUMNS.TABLE_SCHEMA))
            .join(PG_TYPE)
            .on(PG_ATTRIBUTE.ATTTYPID.eq(PG_TYPE.OID))
            .leftJoin(PG_DESCRIPTION)
            .on(PG_DESCRIPTION.OBJOID.eq(PG_ATTRIBUTE.ATTRELID))
            .and(PG_DESCRIPTION.CLASSOID.eq(field("'pg_class'::regclass", BIGINT)))
            .and(PG_DESCRIPTION.OBJSUBID.eq(COLUMNS.ORDINAL_POSITION))
            .where(COLUMNS.TABLE_SCHEMA.in(schemata))
            .orderBy(COLUMNS.TABLE_SCHEMA, COLUMNS.TABLE_NAME, COLUMNS.ORDINAL_POSITION)
            .fetch()) {
      result
          .computeIfAbsent(
              List.of((String) record.get(TABLE_SCHEMA), (String) record.get(TABLE_NAME)),
              k -> new ArrayList<>())
          .add(record);
    }
    return result;
  }
}
