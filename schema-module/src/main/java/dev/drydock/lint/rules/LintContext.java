package dev.drydock.lint.rules;

import dev.drydock.lint.observe.Observation;

/**
 * What rules know besides the statement.
 *
 * @param observation the whole run: what existed before, the server's major
 * @param transactionalLock true when Flyway's {@code postgresql.transactional.lock} is on in the
 *     project's settings (Flyway's default)
 * @param defaultLockTimeoutMillis the {@code lock_timeout} production starts with (the live
 *     database's, with {@code --url}; else 0)
 */
public record LintContext(
    Observation observation, boolean transactionalLock, long defaultLockTimeoutMillis) {}
