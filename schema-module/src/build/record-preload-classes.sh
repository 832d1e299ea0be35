#!/usr/bin/env bash
# Records schema-module/src/main/resources/dev/drydock/codegen/preload-classes.txt again: the
# classes a generation run loads once its database starts, from the JDK and Drydock's dependencies,
# in load order, in two sections (the database's, then jOOQ's from the first org.jooq class on).
# Run it after upgrading jOOQ, Flyway or the driver (ClassPreloadTest names stale entries):
#   ./mvnw -q -pl distribution -am package -DskipTests -Dinvoker.skip   (the CLI's jar)
#   schema-module/src/build/record-preload-classes.sh
# It runs `drydock generate --force` with -Xlog:class+load on the sample migrations (PostgreSQL 17;
# without snapshots, then saving one, then starting from it) and on Pagila (../shared/corpora/pagila,
# PostgreSQL 18), then once with jOOQ XML settings, in a temporary directory it deletes.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
jar="$(ls "$root"/distribution/target/drydock-cli-*-cli.jar | head -1)"
list="$root/schema-module/src/main/resources/dev/drydock/codegen/preload-classes.txt"
pagila="$root/../shared/corpora/pagila/pagila-schema.sql"
[ -f "$pagila" ] || { echo "missing $pagila" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/pagila"
# minus pgvector's objects, as the tests' Pagila.withoutPgvector() (no binaries here have it)
python3 - "$pagila" "$work/pagila/V1__pagila.sql" <<'PY'
import re, sys
chunks = re.split(r"(?=\n--\n-- Name: )", open(sys.argv[1], encoding="utf-8").read())
keep = [c for c in chunks if not re.search(r"\bvector\b|film_embedding", c)]
open(sys.argv[2], "w", encoding="utf-8").write("".join(keep))
PY
# Pagila's dump calls uuidv7(): PostgreSQL 18. The sample twice more with snapshots: the first
# saves one (the archive's writing), the second starts from it (its reading).
# A last run reads jOOQ XML settings, as the Maven goal's <generator> and --jooq-config do.
cat > "$work/jooq.xml" <<'XML'
<generator><generate><javaTimeTypes>true</javaTimeTypes></generate></generator>
XML
# the binaries are extracted first, unrecorded: a run records what a run with a warm cache loads
for major in 17 18; do
  java -jar "$jar" generate --migrations "$root/migrations" --output "$work/warm-$major" \
    --package preload.record --force --no-snapshots --postgres-version "$major" \
    --cache-dir "$work/cache" --quiet >/dev/null
done
runs=("migrations $root/migrations 17 --no-snapshots"
  "pagila $work/pagila 18 --no-snapshots"
  "saved $root/migrations 17 --snapshots"
  "restored $root/migrations 17 --snapshots"
  "xml $root/migrations 17 --jooq-config")
logs=()
for run in "${runs[@]}"; do
  read -r name subject major snapshots <<<"$run"
  extra=()
  [ "$snapshots" = --no-snapshots ] && extra=(--no-snapshots)
  [ "$snapshots" = --jooq-config ] && extra=(--no-snapshots --jooq-config "$work/jooq.xml")
  java "-Xlog:class+load=info:file=$work/$name.log" -Ddrydock.classPreload=false \
    -jar "$jar" generate --migrations "$subject" --output "$work/out-$name" \
    --package preload.record --force "${extra[@]}" --postgres-version "$major" \
    --cache-dir "$work/cache" --quiet >/dev/null
  logs+=("$work/$name.log")
done

# "[...][info][class,load] name source: ..." -> names loaded after MigratedDatabase, not Drydock's,
# not hidden or generated classes; first appearance across both runs, in order
awk '
  /\[class,load\]/ {
    n = $0; sub(/.*\[class,load\] /, "", n); sub(/ .*/, "", n)
    if (n == "dev.drydock.snapshot.MigratedDatabase") { started = 1; next }
    if (!started || n ~ /^dev\.drydock\./ || n ~ /\$\$/ || n ~ /\/0x/ || n ~ /Lambda/) next
    if (!(n in seen)) { seen[n] = 1; order[++count] = n }
  }
  FNR == 1 { started = 0 }
  END { for (i = 1; i <= count; i++) print order[i] }
' "$work/migrations.log" "$work/pagila.log" > "$work/names"

# what the previous list has that these runs did not load (paths the CLI does not take, e.g. the
# Maven goal's) stays, if it is still on the class path; new names follow in their section
cat > "$work/OnClassPath.java" <<'JAVA'
public class OnClassPath {
  public static void main(String[] args) throws Exception {
    var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));
    for (String n = in.readLine(); n != null; n = in.readLine()) {
      try {
        Class.forName(n, false, OnClassPath.class.getClassLoader());
        System.out.println(n);
      } catch (ClassNotFoundException | LinkageError e) {
        // gone with an upgrade: dropped
      }
    }
  }
}
JAVA
grep -v '^#' "$list" | java -cp "$jar" "$work/OnClassPath.java" > "$work/kept"
section() { # $1: db|jooq, from a list with the marker line, or a plain list split at org.jooq
  awk -v want="$1" '/^# --- jooq/ || /^org\.jooq\./ { jooq = 1 } /^#/ { next }
    (want == "jooq") == (jooq == 1) { print }' "$2"
}
{
  sed -n '/^#/p' "$list" | sed '/^# --- jooq/,$d'
  for part in db jooq; do
    [ "$part" = jooq ] && grep '^# --- jooq' "$list"
    # previous order first (only what is still there), then this recording's new names
    awk 'NR == FNR { ok[$0] = 1; next } ok[$0]' "$work/kept" <(section "$part" "$list")
    awk 'NR == FNR { had[$0] = 1; next } !had[$0]' "$work/kept" <(section "$part" "$work/names")
  done
} > "$work/new"
mv "$work/new" "$list"
echo "recorded $(grep -vc '^#' "$list") classes into $list"
