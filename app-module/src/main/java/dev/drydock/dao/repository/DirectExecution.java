package dev.drydock.dao.repository;

import org.jooq.Configuration;

/**
 * Whether the repositories may run their hot statements directly ({@code DirectStatement}: SQL
 * rendered once, run with JDBC) on a context. On by default; a configuration marked with {@link
 * #disable(Configuration)} runs every statement through jOOQ's execute lifecycle. The mark is a
 * {@link Configuration#data(Object, Object) data} entry, so contexts derived from it (a
 * transaction's, say) keep it.
 */
public final class DirectExecution {

  private static final String DISABLED = DirectExecution.class.getName() + ".disabled";

  private DirectExecution() {}

  /** Marks {@code configuration}: its repositories take the plain jOOQ path for every statement. */
  public static void disable(Configuration configuration) {
    configuration.data(DISABLED, Boolean.TRUE);
  }

  /** Whether {@code configuration} was marked with {@link #disable(Configuration)}. */
  static boolean disabled(Configuration configuration) {
    return configuration.data(DISABLED) != null;
  }
}
