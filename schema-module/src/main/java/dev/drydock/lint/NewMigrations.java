package dev.drydock.lint;

import dev.drydock.migrate.MigrationChain;
import dev.drydock.migrate.Migrations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Which migrations are new: those pending on the live database, those after a version, or a given
 * set of files (e.g. those changed since a git ref).
 */
public abstract sealed class NewMigrations {

  private NewMigrations() {}

  /** The migrations Flyway would apply to {@code live} (read-only: Flyway's {@code info}). */
  public static NewMigrations pendingOn(DataSource live) {
    return new Pending(Objects.requireNonNull(live, "live"));
  }

  /** The versioned migrations after {@code version}. */
  public static NewMigrations since(String version) {
    return new Since(MigrationVersion.fromVersion(version));
  }

  /** The migration files git says changed since {@code ref} (committed or not, untracked too). */
  public static NewMigrations changedSince(String ref, Path directory) {
    return files(GitChanges.since(ref, directory));
  }

  /** These migration files (others in the list are ignored). */
  public static NewMigrations files(List<Path> files) {
    return new Files(List.copyOf(files));
  }

  /** What was chosen, resolved against the project's migrations. */
  record Selection(Set<Path> files, int prefixLength) {
    boolean isEmpty() {
      return files.isEmpty();
    }
  }

  abstract Set<Path> resolve(Migrations migrations, MigrationChain chain);

  /** The new files, and how many versioned migrations before the first new one stay unchanged. */
  Selection select(Migrations migrations) {
    MigrationChain chain = migrations.chain();
    Set<Path> files =
        resolve(migrations, chain).stream()
            .map(p -> p.toAbsolutePath().normalize())
            .collect(Collectors.toCollection(LinkedHashSet::new));
    List<MigrationChain.Versioned> versioned = chain.versioned();
    int prefix = versioned.size();
    for (int i = 0; i < versioned.size(); i++) {
      Path script = versioned.get(i).files().get(0).toAbsolutePath().normalize();
      if (files.contains(script)) {
        prefix = i;
        break;
      }
    }
    return new Selection(files, prefix);
  }

  private static final class Pending extends NewMigrations {
    private final DataSource live;

    Pending(DataSource live) {
      this.live = live;
    }

    @Override
    Set<Path> resolve(Migrations migrations, MigrationChain chain) {
      Set<Path> files = new LinkedHashSet<>();
      for (MigrationInfo info : migrations.info(live)) {
        if ((info.getState() == MigrationState.PENDING
                || info.getState() == MigrationState.OUTDATED)
            && info.getScript() != null) {
          files.add(migrations.locate(info.getScript()));
        }
      }
      return files;
    }
  }

  private static final class Since extends NewMigrations {
    private final MigrationVersion version;

    Since(MigrationVersion version) {
      this.version = version;
    }

    @Override
    Set<Path> resolve(Migrations migrations, MigrationChain chain) {
      Set<Path> files = new LinkedHashSet<>();
      for (MigrationChain.Versioned v : chain.versioned()) {
        if (MigrationVersion.fromVersion(v.version()).isNewerThan(version)) {
          files.add(v.files().get(0));
        }
      }
      return files;
    }
  }

  private static final class Files extends NewMigrations {
    private final List<Path> files;

    Files(List<Path> files) {
      this.files = files;
    }

    @Override
    Set<Path> resolve(Migrations migrations, MigrationChain chain) {
      Set<Path> wanted =
          files.stream()
              .map(p -> p.toAbsolutePath().normalize())
              .collect(Collectors.toCollection(LinkedHashSet::new));
      List<Path> known = new ArrayList<>();
      chain.versioned().forEach(v -> known.add(v.files().get(0)));
      chain.repeatables().forEach(known::add);
      return known.stream()
          .filter(p -> wanted.contains(p.toAbsolutePath().normalize()))
          .collect(Collectors.toCollection(LinkedHashSet::new));
    }
  }
}
