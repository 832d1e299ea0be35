package dev.drydock.lint.observe;

/**
 * A table constraint as {@code pg_constraint} has it.
 *
 * @param type {@code contype}: {@code c} check, {@code f} foreign key, {@code p}, {@code u}, ...
 * @param referenced for a foreign key, the referenced table's oid; 0 otherwise
 * @param validated {@code convalidated}: false for {@code NOT VALID}
 */
public record Constraint(
    long oid, String name, char type, long table, long referenced, boolean validated) {}
