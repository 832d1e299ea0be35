package dev.drydock.migrate;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * Says in a newcomer's words why Flyway skips a file it did not resolve ({@link
 * ResolvedMigrations#skipped()}): neither versioned, repeatable nor a callback (e.g. {@code
 * v1__lower.sql}, {@code V1_x.sql}).
 */
final class MigrationNaming {

  private static final Pattern VERSION = Pattern.compile("\\d+([._]\\d+)*");

  private final String versioned;
  private final String repeatable;
  private final String separator;
  private final List<String> suffixes;

  MigrationNaming(Configuration flyway) {
    this.versioned = flyway.getSqlMigrationPrefix();
    this.repeatable = flyway.getRepeatableSqlMigrationPrefix();
    this.separator = flyway.getSqlMigrationSeparator();
    this.suffixes = Arrays.asList(flyway.getSqlMigrationSuffixes());
  }

  Optional<String> problem(String name) {
    // Flyway matches suffixes ignoring case (V1__x.SQL runs)
    Optional<String> suffix =
        suffixes.stream()
            .filter(x -> name.regionMatches(true, name.length() - x.length(), x, 0, x.length()))
            .findFirst();
    if (suffix.isEmpty()) {
      return Optional.of("not a migration Flyway runs (its suffix is not one of " + suffixes + ")");
    }
    String base = name.substring(0, name.length() - suffix.get().length());
    int sep = base.indexOf(separator);
    String head = sep < 0 ? base : base.substring(0, sep);
    if (isCallback(head)) {
      return Optional.empty();
    }
    if (sep >= 0 && head.equals(repeatable)) {
      return Optional.empty();
    }
    if (sep >= 0
        && (head.startsWith(versioned) || head.startsWith("B"))
        && VERSION
            .matcher(head.substring(head.startsWith(versioned) ? versioned.length() : 1))
            .matches()) {
      return Optional.empty();
    }
    String why;
    if (!head.isEmpty()
        && (head.regionMatches(true, 0, versioned, 0, versioned.length())
            || head.regionMatches(true, 0, repeatable, 0, repeatable.length()))
        && !head.startsWith(versioned)
        && !head.startsWith(repeatable)) {
      why =
          "the prefix '"
              + head.charAt(0)
              + "' is not '"
              + (Character.toLowerCase(head.charAt(0)) == Character.toLowerCase(versioned.charAt(0))
                  ? versioned
                  : repeatable)
              + "' (prefixes are case-sensitive)";
    } else if (sep < 0 && (head.startsWith(versioned) || head.startsWith(repeatable))) {
      why = "no '" + separator + "' between version and description";
    } else if (head.startsWith(versioned)) {
      why = "'" + head.substring(versioned.length()) + "' is not a version (digits and dots)";
    } else {
      why =
          "neither versioned ("
              + versioned
              + "<version>"
              + separator
              + "<description>), repeatable ("
              + repeatable
              + separator
              + "<description>) nor a callback (e.g. afterMigrate)";
    }
    return Optional.of("Flyway would skip it: " + why);
  }

  private static boolean isCallback(String head) {
    try {
      return Event.fromId(head) != null;
    } catch (IllegalArgumentException notAnEvent) {
      return false;
    }
  }
}
