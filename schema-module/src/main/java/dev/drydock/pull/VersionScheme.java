package dev.drydock.pull;

import java.math.BigInteger;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The directory's version scheme, as Flyway resolved it (with the configured prefix, separator and
 * suffix; the version's parts separated by dots or underscores): the next version after the latest.
 * {@code V7} follows {@code V6}, {@code V1.3} follows {@code V1.2}, {@code V007} follows {@code
 * V006}, and a timestamp ({@code V20240102030405}, also {@code yyyyMMdd} and {@code yyyyMMddHHmm})
 * is followed by the current time in the same format, or by the latest plus one when the clock is
 * behind it.
 */
public final class VersionScheme {

  private static final List<String> TIMESTAMP_FORMATS =
      List.of("uuuuMMdd", "uuuuMMddHHmm", "uuuuMMddHHmmss");

  private VersionScheme() {}

  /**
   * The highest of the versions as written in the file names (e.g. {@code 1_2}, see {@link
   * dev.drydock.migrate.ResolvedMigrations#writtenVersions()}).
   */
  public static Optional<String> latest(List<String> writtenVersions) {
    return writtenVersions.stream()
        .max(Comparator.comparing(VersionScheme::parts, VersionScheme::compareParts));
  }

  /** The version that follows {@code latest} ({@code 1} when there is none). */
  public static String next(Optional<String> latest, Clock clock) {
    if (latest.isEmpty()) {
      return "1";
    }
    String last = latest.get();
    Optional<DateTimeFormatter> timestamp = timestampFormat(last);
    if (timestamp.isPresent()) {
      String now = LocalDateTime.now(clock).format(timestamp.get());
      return new BigInteger(now).compareTo(new BigInteger(last)) > 0
          ? now
          : new BigInteger(last).add(BigInteger.ONE).toString();
    }
    int cut = Math.max(last.lastIndexOf('.'), last.lastIndexOf('_')) + 1;
    String tail = last.substring(cut);
    String incremented = new BigInteger(tail).add(BigInteger.ONE).toString();
    if (incremented.length() < tail.length()) {
      incremented = "0".repeat(tail.length() - incremented.length()) + incremented;
    }
    return last.substring(0, cut) + incremented;
  }

  /** The timestamp format a single-part version of 8, 12 or 14 digits is a valid date in. */
  private static Optional<DateTimeFormatter> timestampFormat(String version) {
    for (String pattern : TIMESTAMP_FORMATS) {
      if (pattern.length() != version.length()) {
        continue;
      }
      DateTimeFormatter format =
          DateTimeFormatter.ofPattern(pattern).withResolverStyle(ResolverStyle.STRICT);
      try {
        if (pattern.length() == 8) {
          java.time.LocalDate.parse(version, format);
        } else {
          LocalDateTime.parse(version, format);
        }
        return Optional.of(format);
      } catch (DateTimeParseException e) {
        // not a date: an ordinary number
      }
    }
    return Optional.empty();
  }

  private static List<BigInteger> parts(String version) {
    return Arrays.stream(version.split("[._]")).map(BigInteger::new).toList();
  }

  /** Flyway's order: part by part, a missing part counting as zero. */
  private static int compareParts(List<BigInteger> a, List<BigInteger> b) {
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      BigInteger x = i < a.size() ? a.get(i) : BigInteger.ZERO;
      BigInteger y = i < b.size() ? b.get(i) : BigInteger.ZERO;
      int c = x.compareTo(y);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
