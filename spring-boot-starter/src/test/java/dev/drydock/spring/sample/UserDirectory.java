package dev.drydock.spring.sample;

import static dev.drydock.generated.Tables.USERS;

import dev.drydock.dao.DrydockDatabase;
import dev.drydock.dao.TableRepository;
import dev.drydock.generated.tables.records.UsersRecord;
import org.springframework.stereotype.Repository;

/** A Spring {@code @Repository}: its callers see Spring's DataAccessExceptions. */
@Repository
public class UserDirectory {

  private final TableRepository<UsersRecord, Integer> users;

  public UserDirectory(DrydockDatabase db) {
    this.users = db.repository(USERS);
  }

  public UsersRecord add(String name, String email) {
    return users.create(new UsersRecord().setName(name).setEmail(email));
  }
}
