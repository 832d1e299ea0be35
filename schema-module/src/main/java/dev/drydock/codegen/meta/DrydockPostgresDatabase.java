package dev.drydock.codegen.meta;

import dev.drydock.codegen.ToolVersions;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Record;
import org.jooq.TableOptions.TableType;
import org.jooq.meta.SchemaDefinition;
import org.jooq.meta.TableDefinition;
import org.jooq.meta.postgres.PostgresDatabase;
import org.jooq.meta.postgres.PostgresTableDefinition;

/**
 * jOOQ's {@link PostgresDatabase} with the same output, faster on large schemas (on jOOQ 3.19,
 * whose columns query it carries; on any other jOOQ line it is jOOQ's own {@code
 * PostgresDatabase}):
 *
 * <ul>
 *   <li>the columns of every table and view are read in one query ({@link ColumnsQuery}) instead of
 *       one query per table;
 *   <li>a column whose type lives in a schema that is not generated (every built-in type, {@code
 *       pg_catalog}) gets a {@link SchemaDefinition} of that schema rather than none: jOOQ looks
 *       the type up among the tables, domains, enums and UDTs of the type's schema each time it
 *       writes the column, and with no schema it searched every table of every schema, a linear
 *       search per column that made generation quadratic in the number of tables. There are no
 *       definitions in a schema that is not generated, so every such lookup finds nothing, as
 *       before.
 * </ul>
 *
 * Named {@code dev.drydock.codegen.meta.DrydockPostgresDatabase} in a jOOQ {@code <database>}.
 */
public class DrydockPostgresDatabase extends PostgresDatabase {

  private final Map<String, SchemaDefinition> typeSchemas = new HashMap<>();
  private Map<List<String>, List<Record>> columns;
  private Map<List<String>, TableDefinition> tablesByName;

  @Override
  protected List<TableDefinition> getTables0() throws SQLException {
    List<TableDefinition> stock = super.getTables0();
    if (!ToolVersions.runsExtendedJooqLine()) {
      // another jOOQ line reads its columns differently: its own tables, so the output stays its
      return stock;
    }
    Map<TableDefinition, TableDefinition> replaced = new IdentityHashMap<>();
    List<TableDefinition> result = new ArrayList<>(stock.size());
    for (TableDefinition table : stock) {
      if (table.getClass() == PostgresTableDefinition.class) {
        BatchedTableDefinition batched =
            new BatchedTableDefinition(
                this,
                table.getSchema(),
                table.getName(),
                table.getComment(),
                tableType((PostgresTableDefinition) table));
        replaced.put(table, batched);
        result.add(batched);
      } else {
        result.add(table);
      }
    }
    // the inheritance jOOQ linked between the tables it created, between their replacements
    for (Map.Entry<TableDefinition, TableDefinition> e : replaced.entrySet()) {
      TableDefinition parent = e.getKey().getParentTable();
      if (parent != null) {
        ((BatchedTableDefinition) e.getValue())
            .setParentTable(replaced.getOrDefault(parent, parent));
      }
      for (TableDefinition child : e.getKey().getChildTables()) {
        e.getValue().getChildTables().add(replaced.getOrDefault(child, child));
      }
    }
    return result;
  }

  private static TableType tableType(PostgresTableDefinition table) {
    // jOOQ gives these VIEW or TABLE; the options would read a view's source back from the
    // database, which is not ready while it is still reading its tables
    return table.isView()
        ? TableType.VIEW
        : table.isTemporary() ? TableType.TEMPORARY : TableType.TABLE;
  }

  /** The columns of the table {@code schema.name}, read for all tables at the first call. */
  List<Record> columnsOf(String schema, String name) throws SQLException {
    if (columns == null) {
      columns =
          new ColumnsQuery(
                  create(),
                  exists(org.jooq.meta.postgres.pg_catalog.Tables.PG_SEQUENCE.SEQRELID),
                  exists(org.jooq.impl.DSL.table("column_column_usage")))
              .fetch(getInputSchemata());
    }
    return columns.getOrDefault(List.of(schema, name), List.of());
  }

  /**
   * What jOOQ's {@code getTable(schema, name)} returns (the first of that name in the schema), from
   * an index instead of a search through every table.
   */
  TableDefinition tableNamed(SchemaDefinition schema, String name) {
    if (tablesByName == null) {
      tablesByName = new HashMap<>();
      for (TableDefinition table : getTables()) {
        tablesByName.putIfAbsent(List.of(table.getSchema().getName(), table.getName()), table);
      }
    }
    return tablesByName.get(List.of(schema.getName(), name));
  }

  /**
   * The schema a column's type lives in: the generated schema of that name, else one standing for a
   * schema that is not generated (see the class comment), null when the type has no schema.
   */
  SchemaDefinition typeSchema(String name) {
    if (name == null) {
      return null;
    }
    SchemaDefinition generated = getSchema(name);
    if (generated != null) {
      return generated;
    }
    return typeSchemas.computeIfAbsent(name, n -> new SchemaDefinition(this, n, null));
  }
}
