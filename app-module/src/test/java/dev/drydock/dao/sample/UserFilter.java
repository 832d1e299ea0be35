package dev.drydock.dao.sample;

import static dev.drydock.generated.Tables.USERS;

import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * Filters of {@link UserRepository#list}: every set filter must hold. Immutable; start from {@link
 * #all()}.
 *
 * @param active {@code is_active} equals this, if set
 * @param namePrefix {@code name} starts with this (case-sensitive {@code LIKE 'prefix%'}, wildcards
 *     in the prefix escaped), if set
 * @param minAge {@code age >= minAge}, if set
 */
public record UserFilter(Boolean active, String namePrefix, Integer minAge) {

  private static final UserFilter ALL = new UserFilter(null, null, null);

  /** No filter. */
  public static UserFilter all() {
    return ALL;
  }

  public UserFilter withActive(boolean active) {
    return new UserFilter(active, namePrefix, minAge);
  }

  public UserFilter withNamePrefix(String prefix) {
    return new UserFilter(active, prefix, minAge);
  }

  public UserFilter withMinAge(int age) {
    return new UserFilter(active, namePrefix, age);
  }

  Condition condition() {
    List<Condition> c = new ArrayList<>(3);
    if (active != null) {
      c.add(USERS.IS_ACTIVE.eq(active));
    }
    if (namePrefix != null) {
      c.add(USERS.NAME.startsWith(namePrefix));
    }
    if (minAge != null) {
      c.add(USERS.AGE.ge(minAge));
    }
    return DSL.and(c);
  }
}
