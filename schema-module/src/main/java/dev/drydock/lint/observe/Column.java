package dev.drydock.lint.observe;

/**
 * A table column as {@code pg_attribute} has it.
 *
 * @param type {@code format_type(atttypid, atttypmod)}, e.g. {@code character varying(20)}
 * @param typeOid {@code atttypid}
 * @param typmod {@code atttypmod} (-1 when none)
 * @param generated true for identity and generated columns (the database fills them)
 */
public record Column(
    long table,
    int number,
    String name,
    String type,
    long typeOid,
    int typmod,
    boolean notNull,
    boolean hasDefault,
    boolean generated) {}
