package dev.drydock.migrate;

import java.util.function.Consumer;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/** Tells a listener the script of each migration as Flyway starts it. */
final class EachMigrationCallback implements Callback {
  private final Consumer<String> listener;

  EachMigrationCallback(Consumer<String> listener) {
    this.listener = listener;
  }

  @Override
  public boolean supports(Event event, Context context) {
    return event == Event.BEFORE_EACH_MIGRATE;
  }

  @Override
  public boolean canHandleInTransaction(Event event, Context context) {
    return true;
  }

  @Override
  public void handle(Event event, Context context) {
    MigrationInfo info = context.getMigrationInfo();
    if (info != null) {
      listener.accept(info.getScript());
    }
  }

  @Override
  public String getCallbackName() {
    return "drydock-each-migration";
  }
}
