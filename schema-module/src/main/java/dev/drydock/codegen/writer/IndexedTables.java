package dev.drydock.codegen.writer;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Name;
import org.jooq.meta.Database;
import org.jooq.meta.SchemaDefinition;
import org.jooq.meta.TableDefinition;

/**
 * The {@link Database} jOOQ's writer is given, answering {@code getTable(schema, name)} from an
 * index instead of jOOQ's search through every table of the schema (its {@code AbstractDatabase}
 * methods are final, so no subclass can): jOOQ's writer asks it for each column whose type lives in
 * a generated schema (an enum, a domain...), which made writing quadratic in the number of tables.
 * The answer is jOOQ's: the first table of {@code getTables(schema)}, in its order, whose qualified
 * name equals the name asked; a case-insensitive question, or a name that is not one of jOOQ's own,
 * is passed on. Every other method is passed on unchanged.
 */
final class IndexedTables implements InvocationHandler {

  /** Name parts and whether qualified: what jOOQ's {@code AbstractName.equals} compares. */
  private record Key(List<String> parts, boolean qualified) {

    static Key of(Name name) {
      return new Key(Arrays.asList(name.getName()), name.qualified());
    }
  }

  private final Database database;
  private final Map<SchemaDefinition, Map<Key, TableDefinition>> byQualifiedName =
      new IdentityHashMap<>();
  private final Map<SchemaDefinition, Map<String, TableDefinition>> byName =
      new IdentityHashMap<>();

  private IndexedTables(Database database) {
    this.database = database;
  }

  static Database around(Database database) {
    return (Database)
        Proxy.newProxyInstance(
            Database.class.getClassLoader(),
            new Class<?>[] {Database.class},
            new IndexedTables(database));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getName().equals("getTable")
        && args != null
        && args[0] instanceof SchemaDefinition schema
        && (args.length == 2 || Boolean.FALSE.equals(args[2]))) {
      if (args[1] instanceof String name) {
        // jOOQ compares the string to each table's own name
        return byName
            .computeIfAbsent(
                schema,
                s -> {
                  Map<String, TableDefinition> index = new HashMap<>();
                  for (TableDefinition table : database.getTables(s)) {
                    index.putIfAbsent(table.getName(), table);
                  }
                  return index;
                })
            .get(name);
      }
      if (args[1] instanceof Name name && name.getClass().getName().startsWith("org.jooq.impl.")) {
        // jOOQ compares the name to each table's qualified name
        return byQualifiedName
            .computeIfAbsent(
                schema,
                s -> {
                  Map<Key, TableDefinition> index = new HashMap<>();
                  for (TableDefinition table : database.getTables(s)) {
                    index.putIfAbsent(Key.of(table.getQualifiedNamePart()), table);
                  }
                  return index;
                })
            .get(Key.of(name));
      }
      if (args[1] == null) {
        return null;
      }
    }
    try {
      return method.invoke(database, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
