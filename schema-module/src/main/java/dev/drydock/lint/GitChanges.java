package dev.drydock.lint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The files git says changed since a ref: committed, staged, unstaged and untracked. */
final class GitChanges {

  private GitChanges() {}

  /**
   * The absolute paths of files under {@code directory}'s repository changed since {@code ref}.
   *
   * @throws IllegalArgumentException naming the ref and git's message when git fails
   */
  static List<Path> since(String ref, Path directory) {
    Path top = Path.of(git(directory, "rev-parse", "--show-toplevel").get(0).strip());
    List<Path> files = new ArrayList<>();
    for (String line : git(top, "diff", "--name-only", "--diff-filter=ACMR", ref, "--")) {
      files.add(top.resolve(line.strip()));
    }
    for (String line : git(top, "ls-files", "--others", "--exclude-standard")) {
      files.add(top.resolve(line.strip()));
    }
    return files;
  }

  private static List<String> git(Path dir, String... args) {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.addAll(List.of(args));
    try {
      Process p =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalArgumentException(
            "git " + String.join(" ", args) + " failed in " + dir + ": " + out.strip());
      }
      return out.lines().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot run git: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalArgumentException("Interrupted while running git", e);
    }
  }
}
