package dev.drydock.introspect;

import java.sql.SQLException;

/** Loads one family of objects with set-based catalog queries. */
interface CatalogLoader {
  void load(CatalogReader reader) throws SQLException;
}
