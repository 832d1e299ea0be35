package dev.drydock.maven;

import dev.drydock.codegen.ToolVersions;
import dev.drydock.lifecycle.JvmShutdown;
import dev.drydock.lint.Lint;
import dev.drydock.lint.LintReport;
import dev.drydock.lint.NewMigrations;
import dev.drydock.lint.report.SarifReport;
import dev.drydock.lint.report.TextReport;
import dev.drydock.lint.rules.Severity;
import dev.drydock.migrate.FlywaySettings;
import dev.drydock.migrate.MigrationException;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.BinariesArtifact;
import dev.drydock.provider.ProviderException;
import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.snapshot.SnapshotSettings;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * {@code drydock:lint}: what each new migration will do to production, as {@code drydock lint}
 * tells it; bound to {@code verify}, and off until told which migrations are new ({@code since} or
 * {@code changedSince}). Fails the build on a finding at or above {@code failOn} that is not
 * allowed; writes the SARIF report beside the build's output for code scanning.
 */
@Mojo(name = "lint", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class LintMojo extends AbstractMojo {

  @Parameter(defaultValue = "${project.basedir}/src/main/resources/db/migration")
  private List<File> migrations;

  /** Lint the versioned migrations after this version. */
  @Parameter(property = "drydock.lint.since")
  private String since;

  /** Lint the migration files git says changed since this ref, e.g. {@code origin/main}. */
  @Parameter(property = "drydock.lint.changedSince")
  private String changedSince;

  /** {@code error}, {@code warning} or {@code never}. */
  @Parameter(property = "drydock.lint.failOn", defaultValue = "error")
  private String failOn;

  /** Allowed findings, one per line: {@code RULE SCRIPT[:LINE] REASON}. */
  @Parameter(
      property = "drydock.lint.allowFile",
      defaultValue = "${project.basedir}/drydock-lint-allow.txt")
  private File allowFile;

  /** Where the SARIF report goes. */
  @Parameter(
      property = "drydock.lint.sarif",
      defaultValue = "${project.build.directory}/drydock-lint.sarif")
  private File sarif;

  @Parameter private List<String> flywaySchemas;

  @Parameter private Map<String, String> placeholders;

  @Parameter private Map<String, String> flywayConfiguration;

  @Parameter(property = "drydock.flywayConfigFile")
  private File flywayConfigFile;

  @Parameter private List<String> initSql;

  /** auto | embedded | testcontainers | external. */
  @Parameter(property = "drydock.provider", defaultValue = "auto")
  private String provider;

  @Parameter(property = "drydock.url")
  private String url;

  @Parameter(property = "drydock.user")
  private String user;

  @Parameter(property = "drydock.password")
  private String password;

  /** PostgreSQL version of the embedded throwaway: production's, e.g. {@code 15.14.0}. */
  @Parameter(property = "drydock.postgres.version")
  private String postgresVersion;

  /** Drydock's cache (binaries, snapshots); default: {@code $DRYDOCK_CACHE}, else ~/.cache. */
  @Parameter(property = "drydock.cacheDirectory")
  private File cacheDirectory;

  @Parameter(property = "drydock.snapshots", defaultValue = "true")
  private boolean snapshots;

  @Parameter(property = "drydock.snapshots.cacheLimit", defaultValue = "1G")
  private String snapshotCacheLimit;

  @Parameter(property = "drydock.lint.skip", defaultValue = "false")
  private boolean skip;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
  private RepositorySystemSession repositorySession;

  @Component private RepositorySystem repositorySystem;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("[drydock] lint skipped (drydock.lint.skip)");
      return;
    }
    if (blank(since) && blank(changedSince)) {
      getLog().info("[drydock] lint is off: set <since> or <changedSince> to lint new migrations");
      return;
    }
    LintReport report;
    try {
      Migrations.Builder m = Migrations.configure();
      migrations.forEach(dir -> m.location(dir.toPath()));
      if (flywaySchemas != null) {
        m.schemas(flywaySchemas);
      }
      if (placeholders != null) {
        m.placeholders(placeholders);
      }
      Migrations built = m.settings(flywaySettings()).build();
      NewMigrations selection =
          !blank(since)
              ? NewMigrations.since(since.strip())
              : NewMigrations.changedSince(changedSince.strip(), built.locations().get(0));
      report =
          Lint.configure()
              .provider(providerSettings())
              .snapshots(
                  SnapshotSettings.configure()
                      .enabled(snapshots)
                      .maxBytes(SnapshotSettings.parseSize(snapshotCacheLimit))
                      .build())
              .migrations(built)
              .newMigrations(selection)
              .allowFile(allowFile != null && allowFile.isFile() ? allowFile.toPath() : null)
              .log(line -> getLog().info("[drydock] " + line))
              .build()
              .run();
    } catch (MigrationException e) {
      throwIfInterrupted();
      throw new MojoFailureException("[drydock] Migrations failed: " + e.getMessage(), e);
    } catch (ProviderException | IllegalArgumentException | SQLException e) {
      throwIfInterrupted();
      throw new MojoExecutionException("[drydock] " + e.getMessage(), e);
    }
    Path base = project.getBasedir().toPath();
    TextReport.render(report, base).lines().forEach(line -> getLog().info("[drydock] " + line));
    writeSarif(report, base);
    Severity threshold = threshold();
    if (threshold != null && !report.failing(threshold).isEmpty()) {
      throw new MojoFailureException(
          "[drydock] lint: "
              + report.failing(threshold).size()
              + " finding(s) at or above "
              + failOn
              + " ("
              + TextReport.summary(report)
              + "); allow one with '-- drydock:allow <rule> <reason>'");
    }
  }

  private Severity threshold() throws MojoExecutionException {
    return switch (failOn.strip().toLowerCase(Locale.ROOT)) {
      case "error" -> Severity.ERROR;
      case "warning" -> Severity.WARNING;
      case "never" -> null;
      default ->
          throw new MojoExecutionException(
              "[drydock] failOn must be error, warning or never, not '" + failOn + "'");
    };
  }

  private void writeSarif(LintReport report, Path base) throws MojoExecutionException {
    try {
      Files.createDirectories(sarif.toPath().toAbsolutePath().getParent());
      Files.writeString(sarif.toPath(), SarifReport.render(report, base, ToolVersions.drydock()));
    } catch (IOException e) {
      throw new MojoExecutionException("[drydock] Cannot write " + sarif + ": " + e, e);
    }
  }

  private ProviderSettings providerSettings() throws MojoExecutionException {
    ProviderSettings.Builder b =
        ProviderSettings.configure()
            .kind(ProviderKind.parse(provider))
            .serverUrl(url)
            .user(user)
            .password(password);
    if (initSql != null) {
      initSql.forEach(b::initSql);
    }
    if (cacheDirectory != null) {
      b.cacheDirectory(cacheDirectory.toPath());
    }
    if (!blank(postgresVersion)) {
      b.postgresBinaries(resolveBinaries(postgresVersion.strip()));
    }
    return b.build();
  }

  private FlywaySettings flywaySettings() {
    FlywaySettings.Builder settings = FlywaySettings.configure();
    if (flywayConfigFile != null) {
      settings.file(flywayConfigFile.toPath());
    } else {
      settings.defaultFileIn(project.getBasedir().toPath());
    }
    settings.environment(System.getenv());
    if (flywayConfiguration != null) {
      settings.settings(flywayConfiguration);
    }
    return settings.build();
  }

  private Path resolveBinaries(String version) throws MojoExecutionException {
    BinariesArtifact coordinates = BinariesArtifact.forThisPlatform(version);
    ArtifactRequest request =
        new ArtifactRequest(
            new DefaultArtifact(coordinates.toString()),
            project.getRemoteProjectRepositories(),
            null);
    try {
      return repositorySystem
          .resolveArtifact(repositorySession, request)
          .getArtifact()
          .getFile()
          .toPath();
    } catch (ArtifactResolutionException e) {
      throw new MojoExecutionException(
          "[drydock] PostgreSQL " + version + " binaries not found (" + coordinates + ")", e);
    }
  }

  private static void throwIfInterrupted() throws MojoFailureException {
    if (JvmShutdown.inProgress()) {
      throw new MojoFailureException(
          "[drydock] Interrupted: the JVM is exiting; the throwaway database and temporary files"
              + " are being removed");
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
