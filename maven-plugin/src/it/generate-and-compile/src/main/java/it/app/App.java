package it.app;

import static it.db.Tables.ITEMS;

import it.db.enums.Color;
import org.jooq.impl.DSL;

public class App {
  public static String query() {
    return DSL.using(org.jooq.SQLDialect.POSTGRES)
        .selectFrom(ITEMS)
        .where(ITEMS.COLOR.eq(Color.green))
        .getSQL();
  }
}
