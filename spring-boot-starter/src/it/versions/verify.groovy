// every run: the goal applied the migrations and generated with the versions that run named, and
// the application's tests (which check the same versions at run time) passed on them
def log = new File(basedir, 'build.log').text
def goal = []
log.eachLine { line ->
  def m = line =~ /\[drydock\] Applying migrations from .* with Flyway (\S+)$/
  if (m) goal << [flyway: m[0][1]]
  def j = line =~ /\[drydock\] Generating jOOQ sources for schemas .* with jOOQ (\S+)$/
  if (j) goal[-1].jooq = j[0][1]
}
def runs = new File(basedir, 'runs.txt')
assert runs.isFile() : "the fixture's tests did not run: $runs missing"
def app = runs.readLines().collect { line ->
  line.split(' ').collectEntries { kv -> def (k, v) = kv.split('='); [(k): v] }
}
assert !goal.isEmpty() : 'the goal never generated'
assert goal.size() == app.size() : "goal runs $goal, application runs $app"
goal.eachWithIndex { g, i ->
  assert g.flyway == app[i].flyway && g.jooq == app[i].jooq : "run ${i + 1}: goal $g, application ${app[i]}"
}
println "versions fixture: ${app.collect { "Flyway ${it.flyway} + jOOQ ${it.jooq} on Java ${it.java}" }.join('; ')}"
return true
