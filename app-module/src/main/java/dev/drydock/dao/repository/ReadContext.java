package dev.drydock.dao.repository;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import org.jooq.Configuration;
import org.postgresql.PGResultSetMetaData;
import org.postgresql.core.BaseConnection;
import org.postgresql.jdbc.TimestampUtils;

/**
 * What the direct path ({@link DirectStatement}) reads one result set with: the context's
 * configuration (records are attached to it) and how the result's {@code timestamptz} columns are
 * read. One per result set, used by one thread.
 *
 * <p>jOOQ reads a {@code timestamptz} as the driver's text form of it, parsed, so the value keeps
 * the session's offset ({@link PostgresTimestamps}). When the driver receives the column in binary
 * (a server-prepared statement, from its fifth run on by default), that text is the driver's own
 * formatting of the binary value at the session's offset, which the parser then undoes: here the
 * value is taken as the driver decodes it and moved to the session's offset by the driver's own
 * {@link TimestampUtils#withClientOffsetSameInstant}, the step its text form starts from, so the
 * result is equal, offset included (BC dates and years past 9999 too). {@code infinity} and a
 * column in text take the text path. With jOOQ's setting {@code bindOffsetDateTimeType} on, jOOQ
 * takes the driver's {@code OffsetDateTime} as it is, and so does this.
 */
final class ReadContext {

  private static final byte UNKNOWN = 0;
  private static final byte TEXT = 1;
  private static final byte BINARY = 2;

  private final Configuration configuration;
  private final Connection connection;

  /**
   * Whether jOOQ asks the driver for an {@code OffsetDateTime} instead of parsing its text (the
   * setting {@code bindOffsetDateTimeType}): then so does this.
   */
  private final boolean driverDecodes;

  /** The session's timestamp conversions, once looked up; {@code null} if not the driver's. */
  private TimestampUtils session;

  /** The result's columns, once a {@code timestamptz} is read. */
  private ResultSetMetaData meta;

  /** Per 1-based column: how its {@code timestamptz} values are read; {@code null}: not asked. */
  private byte[] formats;

  ReadContext(Configuration configuration, Connection connection) {
    this.configuration = configuration;
    this.connection = connection;
    // jOOQ's test, in its OffsetDateTime binding: unless the setting is false (its default)
    this.driverDecodes = !Boolean.FALSE.equals(configuration.settings().isBindOffsetDateTimeType());
  }

  /** The configuration records are attached to. */
  Configuration configuration() {
    return configuration;
  }

  /** The {@code timestamptz} in {@code column} of the current row, as jOOQ reads it. */
  OffsetDateTime offsetDateTime(ResultSet rs, int column) throws SQLException {
    if (driverDecodes) {
      return rs.getObject(column, OffsetDateTime.class);
    }
    if (binary(rs, column)) {
      // the driver's getObject(column, OffsetDateTime.class) in binary, without the conversions
      // object it makes per result set: its raw value (getBytes of a binary column) decoded
      byte[] raw = rs.getBytes(column);
      if (raw == null) {
        return null;
      }
      OffsetDateTime decoded = session.toOffsetDateTimeBin(raw);
      if (decoded != OffsetDateTime.MAX && decoded != OffsetDateTime.MIN) {
        return session.withClientOffsetSameInstant(decoded);
      }
    }
    return PostgresTimestamps.read(rs, column);
  }

  private boolean binary(ResultSet rs, int column) throws SQLException {
    if (formats == null) {
      meta = rs.getMetaData();
      formats = new byte[meta.getColumnCount() + 1];
      if (meta.isWrapperFor(PGResultSetMetaData.class)
          && connection.isWrapperFor(BaseConnection.class)) {
        session = connection.unwrap(BaseConnection.class).getTimestampUtils();
      } else {
        Arrays.fill(formats, TEXT);
      }
    }
    byte format = formats[column];
    if (format == UNKNOWN) {
      format =
          meta.unwrap(PGResultSetMetaData.class).getFormat(column) == 1
                  && "timestamptz".equals(meta.getColumnTypeName(column))
              ? BINARY
              : TEXT;
      formats[column] = format;
    }
    return format == BINARY;
  }
}
