package dev.drydock.spring.sample;

import dev.drydock.dao.DrydockDatabase;
import dev.drydock.generated.tables.records.UsersRecord;
import org.springframework.stereotype.Repository;

/** A Spring {@code @Repository}: its callers see Spring's DataAccessExceptions. */
@Repository
public class UserDirectory {

  private final DrydockDatabase db;

  public UserDirectory(DrydockDatabase db) {
    this.db = db;
  }

  public UsersRecord add(String name, String email) {
    return db.users().create(name, email);
  }
}
