package dev.drydock.maven;

import dev.drydock.diff.Difference;
import dev.drydock.draft.Draft;
import dev.drydock.draft.DraftException;
import dev.drydock.draft.DraftResult;
import dev.drydock.migrate.MigrationException;
import dev.drydock.provider.ProviderException;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.pull.PullException;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
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
 * before it is written into the first migrations directory.
 */
@Mojo(name = "draft", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class DraftMojo extends ThrowawayMojo {

  /** The desired-state folder: plain SQL files in any order. */
  @Parameter(property = "drydock.draft.schemaDirectory", defaultValue = "${project.basedir}/schema")
  private File schemaDirectory;

  /** The hints file (renames, allowed drops); default {@code drydock-hints.toml} in the folder. */
  @Parameter(property = "drydock.draft.hints")
  private File hintsFile;

  /** Draft and write the next migration under this description instead of checking. */
  @Parameter(property = "drydock.draft.name")
  private String name;

  /** When drafting: drop and narrow without hints. */
  @Parameter(property = "drydock.draft.allowDestructive", defaultValue = "false")
  private boolean allowDestructive;

  /** Drydock's cache (binaries, snapshots); default: {@code $DRYDOCK_CACHE}, else ~/.cache. */
  @Parameter(property = "drydock.cacheDirectory")
  private File cacheDirectory;

  @Parameter(property = "drydock.draft.skip", defaultValue = "false")
  private boolean skip;

  @Override
  @SuppressWarnings("try") // the notice is a scope, never referenced
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("[drydock] draft skipped (drydock.draft.skip)");
      return;
    }
    boolean check = name == null || name.isBlank();
    DraftResult result;
    try (InterruptNotice notice = InterruptNotice.register(getLog())) {
      Draft.Builder draft =
          Draft.configure()
              .migrations(migrationsBuilder().build())
              .schemaDirectory(schemaDirectory.toPath())
              .throwaway(draftProvider())
              .snapshots(snapshotSettings())
              .allowDestructive(allowDestructive)
              .checkOnly(check)
              .log(line -> getLog().info("[drydock] " + line));
      if (hintsFile != null) {
        draft.hintsFile(hintsFile.toPath());
      }
      if (!check) {
        draft.name(name.strip());
      }
      result = draft.build().run();
    } catch (MigrationException e) {
      throwIfInterrupted();
      throw new MojoFailureException("[drydock] Migrations failed: " + e.getMessage(), e);
    } catch (DraftException | PullException e) {
      throwIfInterrupted();
      throw new MojoFailureException("[drydock] " + e.getMessage(), e);
    } catch (ProviderException | IllegalArgumentException e) {
      throwIfInterrupted();
      throw new MojoExecutionException("[drydock] " + e.getMessage(), e);
    }
    result.warnings().forEach(w -> getLog().warn("[drydock] " + w));
    report(result);
  }

  private void report(DraftResult r) throws MojoFailureException {
    Path folder = schemaDirectory.toPath();
    switch (r.outcome()) {
      case IN_STEP ->
          getLog().info("[drydock] In step: the migrations give the desired schema in " + folder);
      case PROVEN ->
          r.written()
              .forEach(p -> getLog().info("[drydock] Wrote " + p + " (proven on a throwaway)"));
      case DIFFERS ->
          throw new MojoFailureException(
              "[drydock] The migrations differ from the desired schema in "
                  + folder
                  + " ("
                  + r.differences().size()
                  + " difference(s); expected = desired, actual = migrations):\n"
                  + lines(r.differences().stream().map(Difference::describe).toList())
                  + "Draft the migration with -Ddrydock.draft.name=<change> (or drydock draft"
                  + " --name <change>)");
      case STOPPED ->
          throw new MojoFailureException(
              "[drydock] Not drafted: "
                  + r.stops().size()
                  + " decision(s) need a hint (nothing written):\n"
                  + lines(r.stops()));
      case UNPROVEN ->
          throw new MojoFailureException(
              "[drydock] Not written: the draft, applied on top of the migrations, still differs"
                  + " from the desired schema:\n"
                  + lines(r.stops())
                  + lines(r.differences().stream().map(Difference::describe).toList()));
    }
  }

  private static String lines(List<String> lines) {
    return lines.stream().map(l -> "  " + l + "\n").collect(Collectors.joining());
  }

  /** The base provider settings, with {@code cacheDirectory} when set. */
  private ProviderSettings draftProvider() throws MojoExecutionException {
    ProviderSettings.Builder b = providerSettings();
    if (cacheDirectory != null) {
      b.cacheDirectory(cacheDirectory.toPath());
    }
    return b.build();
  }
}
