package dev.drydock.maven;

import dev.drydock.codegen.ToolVersions;
import dev.drydock.lint.Lint;
import dev.drydock.lint.LintReport;
import dev.drydock.lint.NewMigrations;
import dev.drydock.lint.report.SarifReport;
import dev.drydock.lint.report.TextReport;
import dev.drydock.lint.rules.Severity;
import dev.drydock.migrate.MigrationException;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderException;
import dev.drydock.provider.ProviderSettings;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code drydock:lint}: what each new migration will do to production, as {@code drydock lint}
 * tells it; bound to {@code verify}, and off until told which migrations are new ({@code since} or
 * {@code changedSince}). Fails the build on a finding at or above {@code failOn} that is not
 * allowed; writes the SARIF report beside the build's output for code scanning.
 */
@Mojo(name = "lint", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class LintMojo extends ThrowawayMojo {

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

  /** Drydock's cache (binaries, snapshots); default: {@code $DRYDOCK_CACHE}, else ~/.cache. */
  @Parameter(property = "drydock.cacheDirectory")
  private File cacheDirectory;

  @Parameter(property = "drydock.lint.skip", defaultValue = "false")
  private boolean skip;

  @Override
  @SuppressWarnings("try") // the notice is a scope, never referenced
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
    try (InterruptNotice notice = InterruptNotice.register(getLog())) {
      Migrations built = migrationsBuilder().build();
      NewMigrations selection =
          !blank(since)
              ? NewMigrations.since(since.strip())
              : NewMigrations.changedSince(changedSince.strip(), built.locations().get(0));
      report =
          Lint.configure()
              .provider(lintProvider())
              .snapshots(snapshotSettings())
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

  /** The base provider settings, with {@code cacheDirectory} when set. */
  private ProviderSettings lintProvider() throws MojoExecutionException {
    ProviderSettings.Builder b = providerSettings();
    if (cacheDirectory != null) {
      b.cacheDirectory(cacheDirectory.toPath());
    }
    return b.build();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
