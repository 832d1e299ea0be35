package dev.drydock.codegen.meta;

import static org.jooq.impl.DSL.name;
import static org.jooq.meta.postgres.information_schema.Tables.COLUMNS;
import static org.jooq.meta.postgres.pg_catalog.Tables.PG_ATTRIBUTE;
import static org.jooq.meta.postgres.pg_catalog.Tables.PG_DESCRIPTION;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Record;
import org.jooq.TableOptions.TableType;
import org.jooq.impl.QOM.GenerationOption;
import org.jooq.meta.ColumnDefinition;
import org.jooq.meta.DataTypeDefinition;
import org.jooq.meta.DefaultColumnDefinition;
import org.jooq.meta.DefaultDataTypeDefinition;
import org.jooq.meta.SchemaDefinition;
import org.jooq.meta.postgres.PostgresTableDefinition;

/**
 * A table or view as jOOQ's {@link PostgresTableDefinition} defines it, its columns taken from the
 * database's one query for all tables ({@link DrydockPostgresDatabase#columnsOf}) and built as jOOQ
 * 3.19 builds them.
 */
final class BatchedTableDefinition extends PostgresTableDefinition {

  private final DrydockPostgresDatabase database;

  BatchedTableDefinition(
      DrydockPostgresDatabase database,
      SchemaDefinition schema,
      String name,
      String comment,
      TableType tableType) {
    super(schema, name, comment, tableType, null);
    this.database = database;
  }

  @Override
  public List<ColumnDefinition> getElements0() throws SQLException {
    List<ColumnDefinition> result = new ArrayList<>();
    for (Record record : database.columnsOf(getSchema().getName(), getName())) {
      DataTypeDefinition type =
          new DefaultDataTypeDefinition(
                  getDatabase(),
                  database.typeSchema(record.get(COLUMNS.UDT_SCHEMA)),
                  record.get(COLUMNS.DATA_TYPE),
                  record.get(COLUMNS.CHARACTER_MAXIMUM_LENGTH),
                  record.get(COLUMNS.NUMERIC_PRECISION),
                  record.get(COLUMNS.NUMERIC_SCALE),
                  record.get(COLUMNS.IS_NULLABLE, boolean.class),
                  record.get(COLUMNS.COLUMN_DEFAULT),
                  name(record.get(COLUMNS.UDT_SCHEMA), record.get(COLUMNS.UDT_NAME)))
              .generatedAlwaysAs(record.get(COLUMNS.GENERATION_EXPRESSION))
              .generationOption(
                  "s".equals(record.get(PG_ATTRIBUTE.ATTGENERATED))
                      ? GenerationOption.STORED
                      : "v".equals(record.get(PG_ATTRIBUTE.ATTGENERATED))
                          ? GenerationOption.VIRTUAL
                          : null);
      result.add(
          new DefaultColumnDefinition(
              database.tableNamed(getSchema(), getName()),
              record.get(COLUMNS.COLUMN_NAME),
              record.get(COLUMNS.ORDINAL_POSITION, int.class),
              type,
              record.get(COLUMNS.IS_IDENTITY, boolean.class),
              record.get(PG_DESCRIPTION.DESCRIPTION)));
    }
    return result;
  }
}
