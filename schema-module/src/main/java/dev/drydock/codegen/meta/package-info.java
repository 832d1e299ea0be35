/**
 * Drydock's jOOQ-meta for PostgreSQL: {@link dev.drydock.codegen.meta.DrydockPostgresDatabase}, the
 * default {@code <database><name>} of the pull workflow, reads what jOOQ's {@code PostgresDatabase}
 * reads with one columns query for all tables instead of one per table, and without the lookups
 * that made code generation quadratic in the number of tables. Its output is byte-identical to
 * stock jOOQ's (a differential test checks it).
 */
package dev.drydock.codegen.meta;
