package dev.drydock.bench.dao;

import dev.drydock.dao.DrydockDatabase;
import dev.drydock.dao.repository.UserRepository;
import dev.drydock.generated.tables.records.UsersRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The operations through the DAO library's {@link UserRepository}, as an application calls it. */
public final class RepositoryOperations implements DaoOperations {

  private final UserRepository users;
  private final Map<Integer, UsersRecord> current = new HashMap<>();

  public RepositoryOperations(DrydockDatabase db) {
    this.users = db.users();
  }

  @Override
  public UsersRecord insertReturning(String name, String email) {
    return users.create(name, email);
  }

  @Override
  public UsersRecord findById(int id) {
    return users.findById(id).orElse(null);
  }

  @Override
  public int optimisticUpdate(int id, int age) {
    UsersRecord user = current.computeIfAbsent(id, this::findById);
    UsersRecord updated = users.update(user.setAge(age));
    current.put(id, updated);
    return updated.getLockVersion();
  }

  @Override
  public UserRepository.UserWithPosts userWithPosts(int id) {
    return users.findWithPosts(id).orElse(null);
  }

  @Override
  public List<UsersRecord> batchInsert(List<NewUser> rows) {
    List<UsersRecord> records = new ArrayList<>(rows.size());
    for (NewUser u : rows) {
      records.add(
          new UsersRecord()
              .setName(u.name())
              .setEmail(u.email())
              .setAge(u.age())
              .setIsActive(u.active()));
    }
    return users.createAll(records);
  }
}
