package dev.drydock.dao.repository;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Parses PostgreSQL's text form of a {@code timestamptz} (DateStyle ISO, as the JDBC driver
 * requests it), e.g. {@code 2026-11-25 02:28:07.123456+00}, keeping the session's offset as jOOQ
 * does. Anything else (BC dates, years past 9999, {@code infinity}) is left to the caller.
 */
final class PostgresTimestamps {

  private PostgresTimestamps() {}

  /** The timestamp, or {@code null} if {@code s} is not in the common form. */
  static OffsetDateTime parse(String s) {
    int n = s.length();
    if (n < 22 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != ' ') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (s.charAt(i) == '.') {
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
