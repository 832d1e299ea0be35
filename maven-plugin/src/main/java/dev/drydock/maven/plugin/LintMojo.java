package dev.drydock.maven.plugin;

import java.io.File;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code drydock:lint}: what each new migration will do to production, as {@code drydock lint}
 * tells it; bound to {@code verify}, and off until told which migrations are new ({@code since} or
 * {@code changedSince}). Fails the build on a finding at or above {@code failOn} that is not
 * allowed; writes the SARIF report beside the build's output for code scanning. Run by Drydock's
 * engine ({@link Engine}); skipped or off, it loads nothing.
 */
@Mojo(name = "lint", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class LintMojo extends ThrowawayGoal {

  /** Lint the versioned migrations after this version. */
  @Parameter(property = "drydock.lint.since")
  String since;

  /** Lint the migration files git says changed since this ref, e.g. {@code origin/main}. */
  @Parameter(property = "drydock.lint.changedSince")
  String changedSince;

  /** {@code error}, {@code warning} or {@code never}. */
  @Parameter(property = "drydock.lint.failOn", defaultValue = "error")
  String failOn;

  /** Allowed findings, one per line: {@code RULE SCRIPT[:LINE] REASON}. */
  @Parameter(
      property = "drydock.lint.allowFile",
      defaultValue = "${project.basedir}/drydock-lint-allow.txt")
  File allowFile;

  /** Where the SARIF report goes. */
  @Parameter(
      property = "drydock.lint.sarif",
      defaultValue = "${project.build.directory}/drydock-lint.sarif")
  File sarif;

  /** Drydock's cache (binaries, snapshots); default: {@code $DRYDOCK_CACHE}, else ~/.cache. */
  @Parameter(property = "drydock.cacheDirectory")
  File cacheDirectory;

  @Parameter(property = "drydock.lint.skip", defaultValue = "false")
  boolean skip;

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
    runEngine(Map.of());
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
