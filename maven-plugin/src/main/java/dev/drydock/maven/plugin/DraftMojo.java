package dev.drydock.maven.plugin;

import java.io.File;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code drydock:draft}: the desired-state folder against the migrations, as {@code drydock draft}
 * does it; bound to {@code verify}. In a build it checks ({@code drydock draft --check}): the build
 * fails, listing the differences, when the migrations do not give the desired schema. With {@code
 * -Ddrydock.draft.name=add_orders} it drafts instead: the next migration, proven on a throwaway
 * before it is written into the first migrations directory. Run by Drydock's engine ({@link
 * Engine}); skipped, it loads nothing.
 */
@Mojo(name = "draft", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class DraftMojo extends ThrowawayGoal {

  /** The desired-state folder: plain SQL files in any order. */
  @Parameter(property = "drydock.draft.schemaDirectory", defaultValue = "${project.basedir}/schema")
  File schemaDirectory;

  /** The hints file (renames, allowed drops); default {@code drydock-hints.toml} in the folder. */
  @Parameter(property = "drydock.draft.hints")
  File hintsFile;

  /** Draft and write the next migration under this description instead of checking. */
  @Parameter(property = "drydock.draft.name")
  String name;

  /** When drafting: drop and narrow without hints. */
  @Parameter(property = "drydock.draft.allowDestructive", defaultValue = "false")
  boolean allowDestructive;

  /** Drydock's cache (binaries, snapshots); default: {@code $DRYDOCK_CACHE}, else ~/.cache. */
  @Parameter(property = "drydock.cacheDirectory")
  File cacheDirectory;

  @Parameter(property = "drydock.draft.skip", defaultValue = "false")
  boolean skip;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("[drydock] draft skipped (drydock.draft.skip)");
      return;
    }
    runEngine(Map.of());
  }
}
