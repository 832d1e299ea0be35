package dev.drydock.bench.codegen;

import dev.drydock.codegen.writer.DrydockJavaGenerator;
import org.jooq.meta.Database;

/** {@link TimedJavaGenerator} for Drydock's default generator, {@link DrydockJavaGenerator}. */
public class TimedDrydockJavaGenerator extends DrydockJavaGenerator {

  @Override
  public void generate(Database db) {
    TimedJavaGenerator.timed(db, super::generate);
  }
}
