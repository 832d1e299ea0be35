package dev.drydock.pull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The directory's version scheme, as Flyway reads it ({@code V<version>__<description>.sql}, the
 * version's parts separated by dots or underscores): the next version after the latest. {@code V7}
 * follows {@code V6}, {@code V1.3} follows {@code V1.2}, {@code V007} follows {@code V006}, and a
 * timestamp ({@code V20240102030405}, also {@code yyyyMMdd} and {@code yyyyMMddHHmm}) is followed
 * by the current time in the same format, or by the latest plus one when the clock is behind it.
 */
public final class VersionScheme {

  private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.*\\.sql");
  private static final Pattern REPEATABLE = Pattern.compile("R__.*\\.sql");
  private static final List<String> TIMESTAMP_FORMATS =
      List.of("uuuuMMdd", "uuuuMMddHHmm", "uuuuMMddHHmmss");

  private VersionScheme() {}

  /** Versioned and repeatable migration files under the locations; a missing location has none. */
  public static List<Path> migrationFiles(List<Path> locations) {
    List<Path> files = new ArrayList<>();
    for (Path location : locations) {
      if (!Files.isDirectory(location)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(location)) {
        walk.filter(Files::isRegularFile)
            .filter(
                p -> {
                  String name = p.getFileName().toString();
                  return VERSIONED.matcher(name).matches() || REPEATABLE.matcher(name).matches();
                })
            .sorted()
            .forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  /** The highest version among the files, as written in the file name (e.g. {@code 1_2}). */
  public static Optional<String> latest(List<Path> files) {
    return files.stream()
        .map(p -> VERSIONED.matcher(p.getFileName().toString()))
        .filter(Matcher::matches)
        .map(m -> m.group(1))
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
