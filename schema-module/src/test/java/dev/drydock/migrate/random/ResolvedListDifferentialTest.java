package dev.drydock.migrate.random;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.codegen.CodeGeneration;
import dev.drydock.migrate.MigrationChain;
import dev.drydock.migrate.Migrations;
import dev.drydock.migrate.ResolvedMigrations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.flywaydb.core.api.MigrationInfo;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential, without PostgreSQL: on seeded random migration directories under random mutations,
 * (1) the resolved list is what Flyway's own {@code info()} lists (version, description, script,
 * checksum, order), and (2) the generation fingerprint changes if and only if what Flyway applies
 * changes. A failure names its seed and step; replay one with {@code
 * -Ddrydock.differential.seed=N}. More seeds: {@code -Ddrydock.differential.seeds=N} (default 40, 5
 * steps each: 200 mutation steps, 240 states).
 */
class ResolvedListDifferentialTest {

  private static final int STEPS = 5;

  @TempDir Path root;

  @Test
  void givenRandomHistoriesAndMutations_thenTheListIsFlywaysAndTheFingerprintMovesWithIt()
      throws Exception {
    String one = System.getProperty("drydock.differential.seed");
    int seeds = Integer.getInteger("drydock.differential.seeds", 40);
    long first = one == null ? 1 : Long.parseLong(one);
    long last = one == null ? seeds : first;
    for (long seed = first; seed <= last; seed++) {
      RandomHistory history = new RandomHistory(seed, root.resolve("s" + seed));
      String context = "seed " + seed + " (replay: -Ddrydock.differential.seed=" + seed + ")";
      State before = state(history, context + ", initial " + history.listing());
      for (int step = 1; step <= STEPS; step++) {
        String change = history.mutate();
        String at = context + ", step " + step + " " + change + ", files " + history.listing();
        State after = state(history, at);
        assertThat(!after.fingerprint.equals(before.fingerprint))
            .as(
                at
                    + ": fingerprint changed iff what Flyway applies changed ("
                    + before.applied
                    + " -> "
                    + after.applied
                    + ")")
            .isEqualTo(!after.applied.equals(before.applied));
        before = after;
      }
    }
  }

  /** The fingerprint, and what Flyway applies as Flyway itself lists it. */
  private record State(String fingerprint, List<String> applied) {}

  private State state(RandomHistory history, String at) throws Exception {
    Migrations migrations =
        Migrations.configure().location(history.dir()).settings(history.settings()).build();
    List<MigrationInfo> info = migrations.info(h2());
    List<String> flyway = new ArrayList<>();
    for (MigrationInfo m : info) {
      Path conf = Path.of(m.getPhysicalLocation() + ".conf");
      flyway.add(
          m.getVersion()
              + "|"
              + m.getDescription()
              + "|"
              + m.getScript()
              + "|"
              + m.getChecksum()
              + "|"
              + (Files.isRegularFile(conf) ? Files.readString(conf) : ""));
    }
    // the versioned order, as the snapshot chain has it (an API today's code has too)
    assertThat(migrations.chain().versioned())
        .as(at + ": the chain is Flyway's versioned list")
        .extracting(MigrationChain.Versioned::script)
        .containsExactlyElementsOf(
            info.stream()
                .filter(m -> m.getVersion() != null)
                .map(MigrationInfo::getScript)
                .toList());
    // every migration, with what Flyway records for it
    ResolvedMigrations resolved = migrations.resolved();
    List<String> ours = new ArrayList<>();
    for (ResolvedMigrations.Script s : resolved.versioned()) {
      ours.add(s.version() + "|" + s.description() + "|" + s.script() + "|" + s.checksum());
    }
    for (ResolvedMigrations.Script s : resolved.repeatables()) {
      ours.add("null|" + s.description() + "|" + s.script() + "|" + s.checksum());
    }
    assertThat(ours)
        .as(at + ": the resolved list is Flyway's info()")
        .containsExactlyElementsOf(
            flyway.stream().map(l -> l.substring(0, l.lastIndexOf('|'))).toList());
    List<String> applied = new ArrayList<>(flyway);
    applied.add("callbacks=" + callbacks(history));
    applied.add("settings=" + migrations.settings().values());
    String fingerprint =
        CodeGeneration.configure()
            .migrations(migrations)
            .packageName("com.example.db")
            .outputDirectory(root.resolve("out"))
            .build()
            .fingerprint()
            .hash();
    return new State(fingerprint, applied);
  }

  /** afterMigrate callbacks Flyway runs: name and bytes. */
  private static List<String> callbacks(RandomHistory history) throws Exception {
    List<String> found = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(history.dir())) {
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.startsWith("aftermigrate.") && !name.endsWith(".conf")) {
          found.add(history.dir().relativize(p) + "=" + Files.readString(p).hashCode());
        }
      }
    }
    return found;
  }

  private static int databases;

  private static JdbcDataSource h2() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:differential" + (++databases) + "");
    return Objects.requireNonNull(ds);
  }
}
