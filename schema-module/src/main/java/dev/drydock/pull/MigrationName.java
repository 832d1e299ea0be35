package dev.drydock.pull;

/** The description part of a migration file name, from what a user typed after {@code --name}. */
public final class MigrationName {
  private MigrationName() {}

  /**
   * {@code add phone} becomes {@code add_phone} (Flyway shows underscores as spaces). A name that
   * would leave the directory, or that Flyway would not read back, is refused.
   */
  public static String description(String name) {
    String stripped = name.strip();
    if (stripped.isEmpty()) {
      throw new PullException("Migration name is empty");
    }
    if (stripped.contains("/") || stripped.contains("\\")) {
      throw new PullException(
          "Migration name must not contain path separators: "
              + stripped
              + " (it names the file V<version>__<name>.sql inside the migrations directory)");
    }
    if (stripped.chars().anyMatch(Character::isISOControl)) {
      throw new PullException("Migration name must not contain control characters");
    }
    return stripped.replaceAll("\\s+", "_");
  }
}
