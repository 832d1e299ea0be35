package it.app;

import static it.db.Tables.EVENTS;

import it.db.tables.records.EventsRecord;
import java.time.Instant;
import org.jooq.impl.DSL;

public class App {
  /** Compiles only when happened_at is an Instant and payload a Payload in the generated code. */
  public static EventsRecord event() {
    EventsRecord record = DSL.using(org.jooq.SQLDialect.POSTGRES).newRecord(EVENTS);
    Instant when = Instant.parse("2026-12-01T00:00:00Z");
    record.setHappenedAt(when);
    record.setPayload(new Payload("k"));
    Payload payload = record.getPayload();
    Instant happened = record.getHappenedAt();
    return payload.key().equals("k") && happened.equals(when) ? record : null;
  }
}
