package dev.drydock.codegen.meta;

import static org.jooq.impl.DSL.name;

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
                  database.typeSchema((String) record.get(ColumnsQuery.UDT_SCHEMA)),
                  (String) record.get(ColumnsQuery.DATA_TYPE),
                  (Integer) record.get(ColumnsQuery.CHARACTER_MAXIMUM_LENGTH),
                  (Integer) record.get(ColumnsQuery.NUMERIC_PRECISION),
                  (Integer) record.get(ColumnsQuery.NUMERIC_SCALE),
                  record.get(ColumnsQuery.IS_NULLABLE, boolean.class),
                  (String) record.get(ColumnsQuery.COLUMN_DEFAULT),
                  name(
                      (String) record.get(ColumnsQuery.UDT_SCHEMA),
                      (String) record.get(ColumnsQuery.UDT_NAME)))
              .generatedAlwaysAs((String) record.get(ColumnsQuery.GENERATION_EXPRESSION))
              .generationOption(
                  "s".equals(record.get(ColumnsQuery.ATTGENERATED))
                      ? GenerationOption.STORED
                      : "v".equals(record.get(ColumnsQuery.ATTGENERATED))
                          ? GenerationOption.VIRTUAL
                          : null);
      result.add(
          new DefaultColumnDefinition(
              database.tableNamed(getSchema(), getName()),
              (String) record.get(ColumnsQuery.COLUMN_NAME),
              record.get(ColumnsQuery.ORDINAL_POSITION, int.class),
              type,
              record.get(ColumnsQuery.IS_IDENTITY, boolean.class),
              (String) record.get(ColumnsQuery.DESCRIPTION)));
    }
    return result;
  }
}
