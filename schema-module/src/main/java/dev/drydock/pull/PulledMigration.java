package dev.drydock.pull;

/**
 * A pulled migration, not yet written anywhere.
 *
 * @param version its Flyway version, as in the file name (e.g. {@code 7}, {@code 1.3})
 * @param fileName e.g. {@code V7__add_phone.sql}
 * @param sql the whole file: header and statements
 */
public record PulledMigration(String version, String fileName, String sql) {}
