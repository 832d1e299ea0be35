package dev.drydock.bench.codegen;

import java.util.function.Consumer;
import org.jooq.codegen.JavaGenerator;
import org.jooq.meta.Database;
import org.jooq.meta.SchemaDefinition;
import org.jooq.meta.TableDefinition;

/**
 * jOOQ's {@link JavaGenerator} that first reads everything the generator will read from jOOQ-meta
 * (so that reading and writing are timed apart: jOOQ-meta reads lazily), then writes as usual.
 * Named as the {@code <generator><name>} of the benchmark's stock runs ({@link
 * TimedDrydockJavaGenerator} of Drydock's); the times go to static fields that {@link CodegenProbe}
 * reads after the run.
 */
public class TimedJavaGenerator extends JavaGenerator {

  static volatile long metaNanos;
  static volatile long writeNanos;
  static volatile long endNanos;

  @Override
  public void generate(Database db) {
    timed(db, super::generate);
  }

  static void timed(Database db, Consumer<Database> write) {
    long t = System.nanoTime();
    for (SchemaDefinition schema : db.getSchemata()) {
      for (TableDefinition table : db.getTables(schema)) {
        table.getColumns().forEach(c -> c.getType());
        table.getIndexes();
        table.getUniqueKeys();
        table.getForeignKeys();
        table.getCheckConstraints();
      }
      db.getEnums(schema);
      db.getDomains(schema);
      db.getSequences(schema);
      db.getRoutines(schema);
      db.getUDTs(schema);
      db.getIdentities(schema);
      db.getIndexes(schema);
      db.getKeys(schema);
      db.getForeignKeys(schema);
    }
    long m = System.nanoTime();
    write.accept(db);
    metaNanos = m - t;
    endNanos = System.nanoTime();
    writeNanos = endNanos - m;
  }
}
