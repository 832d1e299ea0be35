package dev.drydock.dao.repository;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jooq.EnumType;
import org.jooq.JSONB;

/**
 * How the direct path ({@link DirectStatement}) reads and binds a column of one Java type, the way
 * jOOQ's default bindings do for PostgreSQL. Only the types listed here: a table with any other
 * column type goes through jOOQ.
 */
enum ColumnType {
  INTEGER {
    @Override
    Object read(ResultSet rs, int column, Class<?> type, ReadContext context) throws SQLException {
      int v = rs.getInt(column);
      return rs.wasNull() ? null : v;
    }

    @Override
    void bind(PreparedStatement ps, int index, Object value) throws SQLException {
      if (value == null) {
        ps.setNull(index, Types.INTEGER);
      } else {
        ps.setInt(index, (Integer) value);
      }
    }
  },
  LONG {
    @Override
    Object read(ResultSet rs, int column, Class<?> type, ReadContext context) throws SQLException {
      long v = rs.getLong(column);
      return rs.wasNull() ? null : v;
    }

    @Override
    void bind(PreparedStatement ps, int index, Object value) throws SQLException {
      if (value == null) {
        ps.setNull(index, Types.BIGINT);
      } else {
        ps.setLong(index, (Long) value);
      }
    }
  },
  STRING {
    @Override
    Object read(ResultSet rs, int column, Class<?> type, ReadContext context) throws SQLException {
      return rs.getString(column);
    }

    @Override
    void bind(PreparedStatement ps, int index, Object value) throws SQLException {
      if (value == null) {
        ps.setNull(index, Types.VARCHAR);
      } else {
        ps.setString(index, (String) value);
      }
    }
  },
  BOOLEAN {
    @Override
    Object read(ResultSet rs, int column, Class<?> type, ReadContext context) throws SQLException {
      boolean v = rs.getBoolean(column);
      return rs.wasNull() ? null : v;
    }

    @Override
    void bind(PreparedStatement ps, int index, Object value) throws SQLException {
      if (value == null) {
        ps.setNull(index, Types.BOOLEAN);
      } else {
        ps.setBoolean(index, (Boolean) value);
      }
    }
  },
  OFFSET_DATE_TIME {
    @Override
    Object read(ResultSet rs, int column, Class<?> type, ReadContext context) throws SQLException {
      return context.offsetDateTime(rs, column);
    }

    @Override
    void bind(PreparedStatement ps, int index, Object value) throws SQLException {
      if (value == null) {
        ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
      } else {
        ps.setObject(index, value);
      }
    }
  },
  UUID_ {
    @Override
    Object read(ResultSet rs, int column, Class<?> type, ReadContext context) throws SQLException {
      return rs.getObject(column, UUID.class);
    }

    @Override
    void bind(PreparedStatement ps, int index, Object value) throws SQLException {
      if (value == null) {
        ps.setNull(index, Types.OTHER);
      } else {
        ps.setObject(index, value);
      }
    }
  },
  /** A generated enum, read by its literal (read-only: jOOQ binds enums with a cast). */
  ENUM {
    @Override
    Object read(ResultSet rs, int column, Class<?> type, ReadContext context) throws SQLException {
      String literal = rs.getString(column);
      if (literal == null) {
        return null;
      }
      Object constant = LITERALS.get(type).get(literal);
      if (constant == null) {
        throw new SQLException("unknown " + type.getSimpleName() + " literal " + literal);
      }
      return constant;
    }

    @Override
    void bind(PreparedStatement ps, int index, Object value) {
      throw new UnsupportedOperationException("enums are bound by jOOQ");
    }

    @Override
    boolean bindable() {
      return false;
    }
  },
  /** {@code jsonb}, as jOOQ reads it: the text (read-only: jOOQ binds it with a cast). */
  JSONB_ {
    @Override
    Object read(ResultSet rs, int column, Class<?> type, ReadContext context) throws SQLException {
      String text = rs.getString(column);
      return text == null ? null : JSONB.valueOf(text);
    }

    @Override
    void bind(PreparedStatement ps, int index, Object value) {
      throw new UnsupportedOperationException("jsonb is bound by jOOQ");
    }

    @Override
    boolean bindable() {
      return false;
    }
  };

  /** A generated enum's constants by their literal. */
  private static final ClassValue<Map<String, Object>> LITERALS =
      new ClassValue<>() {
        @Override
        protected Map<String, Object> computeValue(Class<?> type) {
          Map<String, Object> byLiteral = new HashMap<>();
          for (Object constant : type.getEnumConstants()) {
            byLiteral.put(((EnumType) constant).getLiteral(), constant);
          }
          return Map.copyOf(byLiteral);
        }
      };

  abstract Object read(ResultSet rs, int column, Class<?> type, ReadContext context)
      throws SQLException;

  /**
   * Whether {@link #bind} works for the type (the read-only types jOOQ binds with a cast do not).
   */
  boolean bindable() {
    return true;
  }

  abstract void bind(PreparedStatement ps, int index, Object value) throws SQLException;

  /** The column type for values of {@code type}, or {@code null} if the direct path has none. */
  static ColumnType of(Class<?> type) {
    if (type == Integer.class) {
      return INTEGER;
    } else if (type == Long.class) {
      return LONG;
    } else if (type == String.class) {
      return STRING;
    } else if (type == Boolean.class) {
      return BOOLEAN;
    } else if (type == OffsetDateTime.class) {
      return OFFSET_DATE_TIME;
    } else if (type == UUID.class) {
      return UUID_;
    } else if (type == JSONB.class) {
      return JSONB_;
    } else if (type.isEnum() && EnumType.class.isAssignableFrom(type)) {
      return ENUM;
    }
    return null;
  }
}
