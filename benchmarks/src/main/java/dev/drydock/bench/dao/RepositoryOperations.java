package dev.drydock.bench.dao;

import static dev.drydock.generated.Tables.USERS;

import dev.drydock.dao.DrydockDatabase;
import dev.drydock.dao.TableRepository;
import dev.drydock.generated.Keys;
import dev.drydock.generated.tables.records.PostsRecord;
import dev.drydock.generated.tables.records.UsersRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations through the DAO library's generic repository, {@code db.repository(USERS)}, as an
 * application calls it.
 */
public final class RepositoryOperations implements DaoOperations {

  private final TableRepository<UsersRecord, Integer> users;
  private final Map<Integer, UsersRecord> current = new HashMap<>();

  public RepositoryOperations(DrydockDatabase db) {
    this.users = db.repository(USERS);
  }

  @Override
  public UsersRecord insertReturning(String name, String email) {
    return users.create(new UsersRecord().setName(name).setEmail(email));
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
  public TableRepository.WithChildren<UsersRecord, PostsRecord> userWithPosts(int id) {
    return users.findWithChildren(id, Keys.POSTS__POSTS_AUTHOR_ID_FKEY).orElse(null);
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
    return users.createMany(records);
  }
}
