package dev.drydock.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.lint.observe.LockMode;
import dev.drydock.lint.observe.Observation;
import dev.drydock.lint.observe.ObservedMigration;
import dev.drydock.lint.observe.ObservedStatement;
import dev.drydock.lint.observe.Observer;
import dev.drydock.lint.rules.Finding;
import dev.drydock.lint.rules.LintContext;
import dev.drydock.lint.rules.LintRule;
import dev.drydock.lint.rules.Rules;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.provider.ThrowawayDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Precision of {@code drydock lint} on real histories, against squawk: every migration of each
 * directory is linted as new on top of its prefix (one throwaway, applied one migration at a time,
 * each observed), and squawk lints the same files. Each squawk finding is checked against what was
 * observed at its statement: a finding on a statement that took no lock on a relation that existed
 * before the migration (a table created a moment before, a statement on nothing existing) cannot
 * hurt production.
 *
 * <pre>
 * java -cp ... dev.drydock.bench.LintPrecision SQUAWK_BINARY NAME=DIR [NAME=DIR ...]
 * </pre>
 */
public final class LintPrecision {

  private LintPrecision() {}

  public static void main(String[] args) throws Exception {
    String squawk = args[0];
    StringBuilder md = new StringBuilder("## lint precision (issue 26)\n\n");
    Path cache = Files.createTempDirectory("drydock-lint-precision-");
    TEMPORARY.add(cache);
    try {
      for (int i = 1; i < args.length; i++) {
        String[] nd = args[i].split("=", 2);
        md.append(project(nd[0], Path.of(nd[1]), squawk, cache));
      }
    } finally {
      // the copies of the migrations and the cache (PostgreSQL binaries): nothing left behind
      TEMPORARY.forEach(dev.drydock.files.FileTrees::deleteQuietly);
    }
    System.out.println(md);
  }

  /** Directories this run made, deleted when it ends (also when it fails). */
  private static final List<Path> TEMPORARY = new java.util.ArrayList<>();

  private static String project(String name, Path source, String squawk, Path cache)
      throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(source)) {
      files = s.filter(p -> p.toString().endsWith(".sql")).toList();
    }
    Path dir = Files.createTempDirectory("drydock-lint-" + name + "-");
    TEMPORARY.add(dir);
    Migrations all = Migrations.configure().location(source).build();
    List<Path> ordered = all.chain().versioned().stream().map(v -> v.files().get(0)).toList();
    Map<String, Integer> drydock = new TreeMap<>();
    Map<String, int[]> squawkCounts = new TreeMap<>(); // rule -> [total, on nothing existing]
    int statements = 0;
    StringBuilder failures = new StringBuilder();
    ProviderSettings provider =
        ProviderSettings.configure().kind(ProviderKind.EMBEDDED).cacheDirectory(cache).build();
    try (ThrowawayDatabase db = ThrowawayDatabase.start(provider)) {
      for (Path file : ordered) {
        Files.copy(file, dir.resolve(file.getFileName()));
        Migrations m = Migrations.configure().location(dir).build();
        Observation o;
        try {
          o =
              Observer.configure()
                  .migrations(m)
                  .newFiles(Set.of(dir.resolve(file.getFileName())))
                  .build()
                  .observe(db.dataSource());
        } catch (RuntimeException e) {
          failures
              .append("- ")
              .append(file.getFileName())
              .append(": ")
              .append(String.valueOf(e.getMessage()).lines().findFirst().orElse(""))
              .append("\n");
          break;
        }
        LintContext context = new LintContext(o, true, 0);
        for (ObservedMigration om : o.migrations()) {
          statements += om.statements().size();
          for (LintRule rule : Rules.ALL) {
            for (Finding f : rule.findings(om, context)) {
              drydock.merge(f.rule(), 1, Integer::sum);
              System.err.println(name + " " + f.rule() + " " + f.where() + " " + f.message());
            }
          }
          for (JsonNode finding : squawk(squawk, file)) {
            int line = finding.get("line").asInt() + 1;
            String rule = finding.get("rule_name").asText();
            int[] c = squawkCounts.computeIfAbsent(rule, k -> new int[2]);
            c[0]++;
            if (!touchesExisting(om, o, line)) {
              c[1]++;
            }
          }
        }
      }
    }
    int drydockTotal = drydock.values().stream().mapToInt(Integer::intValue).sum();
    int squawkTotal = squawkCounts.values().stream().mapToInt(c -> c[0]).sum();
    int squawkOnNothing = squawkCounts.values().stream().mapToInt(c -> c[1]).sum();
    StringBuilder md = new StringBuilder();
    md.append("### ")
        .append(name)
        .append("\n\n")
        .append(ordered.size())
        .append(" versioned migrations, ")
        .append(statements)
        .append(" statements observed; drydock: ")
        .append(drydockTotal)
        .append(" findings; squawk: ")
        .append(squawkTotal)
        .append(" findings, of which ")
        .append(squawkOnNothing)
        .append(
            " on statements that took no lock on any relation that existed before the"
                + " migration\n\n");
    if (failures.length() > 0) {
      md.append("Stopped at:\n").append(failures).append("\n");
    }
    md.append("| drydock rule | findings |\n|---|---|\n");
    drydock.forEach((r, c) -> md.append("| `").append(r).append("` | ").append(c).append(" |\n"));
    md.append("\n| squawk rule | findings | on nothing existing |\n|---|---|---|\n");
    squawkCounts.forEach(
        (r, c) ->
            md.append("| `")
                .append(r)
                .append("` | ")
                .append(c[0])
                .append(" | ")
                .append(c[1])
                .append(" |\n"));
    return md.append("\n").toString();
  }

  /** True when the statement at {@code line} locked a relation that existed before. */
  private static boolean touchesExisting(ObservedMigration m, Observation o, int line) {
    for (ObservedStatement s : m.statements()) {
      if (s.line() <= line && line <= s.endLine() || s.line() == line) {
        if (!s.locksObserved()) {
          return true; // not seen: count it as touching
        }
        for (Map.Entry<Long, LockMode> lock : s.locksAfter().entrySet()) {
          if (o.existed(lock.getKey()) && lock.getValue().compareTo(LockMode.ACCESS_SHARE) > 0) {
            return true;
          }
        }
        return false;
      }
    }
    return true; // statement not matched: count it as touching
  }

  private static List<JsonNode> squawk(String squawk, Path file) throws Exception {
    Process p =
        new ProcessBuilder(squawk, "--reporter", "json", file.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    List<JsonNode> list = new ArrayList<>();
    if (!out.isBlank()) {
      new ObjectMapper().readTree(out).forEach(list::add);
    }
    return list;
  }
}
