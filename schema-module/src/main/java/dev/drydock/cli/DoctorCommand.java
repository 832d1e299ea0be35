package dev.drydock.cli;

import dev.drydock.doctor.Diagnosis;
import dev.drydock.doctor.Doctor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code drydock doctor}: can this machine run what Drydock needs, one line per question. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Checks what Drydock needs here, one line each: the Java version, which throwaway provider"
          + " auto picks and why, whether the embedded PostgreSQL can run (user namespaces,"
          + " setpriv), temporary space, the cache directory and its size, Maven's settings, and"
          + " that a throwaway server really starts.",
      "Exit codes: 0 all usable, 1 something needed is missing (the line says what to do),"
          + " 2 usage."
    })
final class DoctorCommand implements Callable<Integer> {

  @ParentCommand Drydock root;

  @Mixin ThrowawayOptions throwaway;

  @Spec CommandSpec spec;

  @Option(
      names = "--no-start",
      description = "Do not start a throwaway server (the slowest check, a few seconds).")
  boolean noStart;

  @Option(
      names = "--maven-settings",
      paramLabel = "FILE",
      description = "Maven settings to report (default: ~/.m2/settings.xml).")
  Path mavenSettings;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Doctor doctor =
        Doctor.configure()
            .provider(throwaway.settings(root))
            .mavenSettings(mavenSettings)
            .startServer(!noStart)
            .build();
    List<Diagnosis> found =
        doctor.examine(
            d -> {
              out.printf(
                  Locale.ROOT,
                  "%-4s %-8s %s%n",
                  d.status().name().toLowerCase(Locale.ROOT),
                  d.subject(),
                  d.finding());
              out.flush();
            });
    return Doctor.anyFailed(found) ? ExitCodes.PROBLEMS_FOUND : ExitCodes.OK;
  }
}
