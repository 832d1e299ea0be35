package dev.drydock.dao.repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Parses PostgreSQL's text form of a {@code timestamptz} (DateStyle ISO, as the JDBC driver
 * requests it), e.g. {@code 2026-11-25 02:28:07.123456+00}, keeping the session's offset as jOOQ
 * does, BC dates and years past 9999 included. {@code infinity} is left to the caller.
 */
final class PostgresTimestamps {

  private PostgresTimestamps() {}

  /**
   * The {@code timestamptz} in {@code column} of the current row as jOOQ reads it: the driver's
   * text form, parsed (the driver's own decoding for the forms {@link #parse} leaves).
   */
  static OffsetDateTime read(ResultSet rs, int column) throws SQLException {
    String text = rs.getString(column);
    if (text == null) {
      return null;
    }
    OffsetDateTime parsed = parse(text);
    return parsed != null ? parsed : rs.getObject(column, OffsetDateTime.class);
  }

  /**
   * The timestamp, or {@code null} if {@code s} is not PostgreSQL's ISO form: a year of four or
   * more digits, the time to the microsecond, the offset to the second, {@code " BC"} for years
   * before 1 (year 1 BC is year 0, as jOOQ reads it); {@code infinity} is no timestamp here.
   */
  static OffsetDateTime parse(String s) {
    int n = s.length();
    int i = 0;
    int year = 0;
    for (; i < n && i < 9 && Character.isDigit(s.charAt(i)); i++) {
      year = year * 10 + (s.charAt(i) - '0');
    }
    // -MM-DD HH:MM:SS
    if (i < 4
        || i + 15 > n
        || s.charAt(i) != '-'
        || s.charAt(i + 3) != '-'
        || s.charAt(i + 6) != ' '
        || s.charAt(i + 9) != ':'
        || s.charAt(i + 12) != ':') {
      return null;
    }
    int month = digits(s, i + 1, i + 3);
    int day = digits(s, i + 4, i + 6);
    int hour = digits(s, i + 7, i + 9);
    int minute = digits(s, i + 10, i + 12);
    int second = digits(s, i + 13, i + 15);
    if (month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
      return null;
    }
    i += 15;
    int nanos = 0;
    if (i < n && s.charAt(i) == '.') {
      int count = 0;
      for (i++; i < n && Character.isDigit(s.charAt(i)) && count < 9; i++, count++) {
        nanos = nanos * 10 + (s.charAt(i) - '0');
      }
      for (; count < 9; count++) {
        nanos *= 10;
      }
    }
    if (i + 3 > n || (s.charAt(i) != '+' && s.charAt(i) != '-')) {
      return null;
    }
    int sign = s.charAt(i) == '-' ? -1 : 1;
    int hours = digits(s, i + 1, i + 3);
    int minutes = 0;
    int seconds = 0;
    i += 3;
    if (i + 3 <= n && s.charAt(i) == ':') {
      minutes = digits(s, i + 1, i + 3);
      i += 3;
    }
    if (i + 3 <= n && s.charAt(i) == ':') {
      seconds = digits(s, i + 1, i + 3);
      i += 3;
    }
    if (i + 3 == n && s.startsWith(" BC", i)) {
      year = 1 - year;
      i = n;
    }
    if (i != n || hours < 0 || minutes < 0 || seconds < 0) {
      return null;
    }
    int offset = hours * 3600 + minutes * 60 + seconds;
    return OffsetDateTime.of(
        year, month, day, hour, minute, second, nanos, ZoneOffset.ofTotalSeconds(sign * offset));
  }

  /** The decimal number in {@code s[from, to)}, or a negative number if it is not all digits. */
  private static int digits(String s, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
