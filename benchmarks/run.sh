#!/usr/bin/env bash
# Drydock benchmarks: builds the harness once, then runs it. Never part of the build or the tests.
#
#   benchmarks/run.sh                 # builds, JMH, anatomy (~10 min on a quiet 2-core machine)
#   benchmarks/run.sh --suite         # also times ./mvnw verify (adds its duration, ~10 min)
#   benchmarks/run.sh --runs=3 --forks=3 --corpora=seed --sections=builds,jmh,anatomy
#   benchmarks/run.sh --sections=diff      # drydock diff on 100/1,000/2,000 generated tables (~2 min)
#   benchmarks/run.sh --sections=snapshots # migration snapshots: one added, unchanged, cold (~10 min)
#       options: --snapshot-rounds=N (default 3), --snapshot-corpora=history,pagila
#   benchmarks/run.sh --sections=codegen   # code generation at scale: 100/1,000/5,000 tables, phases, RSS
#       options: --codegen-rounds=N (default 1), --codegen-sizes=100,1000,5000, --codegen-stock-max=1000,
#                --codegen-baseline-cli=JAR --codegen-baseline-label=NAME (an earlier build's CLI, same run)
#
# Prints a Markdown report and writes it to benchmarks/results/latest.md (--out=PATH to change).
# Offline (-o): the dependencies must already be in ~/.m2 (run ./mvnw -B -DskipTests package once).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

echo "[bench] building the harness, the plugin and the CLI jar it measures (./mvnw -pl benchmarks,maven-plugin,distribution -am package)" >&2
./mvnw -B -q -o -pl benchmarks,maven-plugin,distribution -am package -DskipTests -Ddrydock.skipFormat >&2

target="$root/benchmarks/target"
pg18="$(ls "$target"/postgres-binaries/embedded-postgres-binaries-*-18.*.jar | head -n 1)"
exec java -Xmx2g \
  -Ddrydock.bench.root="$root" \
  -Ddrydock.bench.postgres18="$pg18" \
  -cp "$target/classes:$(cat "$target/classpath.txt")" \
  dev.drydock.bench.BenchMain "$@"
