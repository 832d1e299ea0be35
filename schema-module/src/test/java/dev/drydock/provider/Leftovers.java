package dev.drydock.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a throwaway database of this JVM can leave behind: its {@code drydock-pg-<pid>-*}
 * directories where the provider puts them and {@code postgres} processes started by this JVM
 * (other processes' servers, e.g. a parallel build's, are not this JVM's leftovers). Take a
 * snapshot before, assert after.
 */
public record Leftovers(List<Path> tempDirectories, List<Long> postgresProcesses) {

  public static Leftovers now() {
    Path tmp = ProviderSettings.defaultWorkDirectoryParent();
    String own = "drydock-pg-" + ProcessHandle.current().pid() + "-";
    try (Stream<Path> dirs = Files.list(tmp)) {
      List<Path> pgDirs =
          dirs.filter(p -> p.getFileName().toString().startsWith(own)).sorted().toList();
      List<Long> pids =
          ProcessHandle.current()
              .descendants()
              .filter(ProcessHandle::isAlive)
              .filter(h -> h.info().command().map(c -> c.endsWith("postgres")).orElse(false))
              .map(ProcessHandle::pid)
              .sorted()
              .toList();
      return new Leftovers(pgDirs, pids);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts nothing new is left compared with {@code before}. */
  public void assertNothingNewSince(Leftovers before) {
    // only what is new counts: another JVM's server may have stopped meanwhile
    assertThat(tempDirectories)
        .as("drydock-pg-<pid>-* temp directories")
        .isSubsetOf(before.tempDirectories);
    assertThat(postgresProcesses)
        .as("postgres processes of this JVM")
        .isEqualTo(before.postgresProcesses);
  }
}
