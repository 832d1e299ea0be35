/**
 * Target engines other than PostgreSQL (Aurora DSQL, CockroachDB): what each one's migrations say
 * that PostgreSQL does not (rewritten at the JDBC statement level on the throwaway, so Flyway's
 * checksums stay those of the files), and the rules of {@code dev.drydock.compat}. The data of each
 * target is one resource file, {@code dev/drydock/engine/<target>.json}.
 */
package dev.drydock.engine;
