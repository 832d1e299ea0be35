package dev.drydock.spring.sample;

import static dev.drydock.generated.Tables.USERS;

import dev.drydock.dao.DrydockDatabase;
import dev.drydock.dao.TableRepository;
import dev.drydock.generated.tables.records.UsersRecord;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The application's service: Drydock's repositories inside Spring transactions. */
@Service
public class UserService {

  private final TableRepository<UsersRecord, Integer> users;
  private final DSLContext dsl;
  private final JdbcTemplate jdbc;

  public UserService(DrydockDatabase db, DSLContext dsl, JdbcTemplate jdbc) {
    this.users = db.repository(USERS);
    this.dsl = dsl;
    this.jdbc = jdbc;
  }

  @Transactional
  public UsersRecord register(String name, String email) {
    return users.create(new UsersRecord().setName(name).setEmail(email));
  }

  /** Creates the user, then fails: the transaction rolls back. */
  @Transactional
  public void registerThenFail(String name, String email) {
    users.create(new UsersRecord().setName(name).setEmail(email));
    throw new IllegalStateException("failed after creating " + email);
  }

  /** Renames {@code user} as read (its lock_version): stale if it changed since. */
  @Transactional
  public UsersRecord rename(UsersRecord user, String name) {
    return users.update(user.setName(name));
  }

  /**
   * Inside one transaction: creates a user with the repository, then reports the backend process id
   * seen by the repository's context, Boot's {@code DSLContext} and a {@code JdbcTemplate}, and
   * whether the latter two see the uncommitted user.
   */
  @Transactional
  public List<Object> oneConnection(String email) {
    users.create(new UsersRecord().setName("Pid").setEmail(email));
    Integer repositoryPid =
        users.dsl().select(DSL.field("pg_backend_pid()", Integer.class)).fetchOne(0, Integer.class);
    Integer bootPid =
        dsl.select(DSL.field("pg_backend_pid()", Integer.class)).fetchOne(0, Integer.class);
    Integer jdbcPid = jdbc.queryForObject("select pg_backend_pid()", Integer.class);
    Integer seen =
        jdbc.queryForObject("select count(*) from users where email = ?", Integer.class, email);
    return List.of(repositoryPid, bootPid, jdbcPid, seen);
  }
}
