package dev.drydock.diff.sql;

import dev.drydock.introspect.Catalog;
import dev.drydock.introspect.CatalogObject;
import dev.drydock.introspect.ObjectId;
import dev.drydock.introspect.ObjectKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Where and in which order routines are created. PostgreSQL checks SQL-standard bodies ({@code
 * RETURN ...}, {@code BEGIN ATOMIC}) and signatures at {@code CREATE} time even with {@code
 * check_function_bodies = false}, so a routine comes after the routines it calls (topological
 * order, name order among independent ones) and after the tables and views it reads or whose row
 * type it uses. Routines with no such dependency keep their kind's place and name order.
 */
final class RoutineOrder {

  private static final Comparator<CatalogObject> BY_NAME =
      Comparator.comparing(CatalogObject::name);

  /** A routine's rank (the key its {@code CREATE} is sorted by) and the kind it is placed at. */
  record Place(String key, ObjectKind placement, boolean inCycle) {}

  private final Map<ObjectId, Place> places = new HashMap<>();

  RoutineOrder(Catalog expected) {
    List<CatalogObject> routines =
        expected.objectsInAnyOrder().stream()
            .filter(o -> o.kind() == ObjectKind.FUNCTION || o.kind() == ObjectKind.PROCEDURE)
            .sorted(BY_NAME)
            .toList();
    Map<ObjectId, List<ObjectId>> dependents = new HashMap<>();
    Map<ObjectId, Integer> waiting = new HashMap<>();
    Map<ObjectId, ObjectKind> placement = new HashMap<>();
    for (CatalogObject r : routines) {
      int n = 0;
      ObjectKind at = r.kind();
      for (ObjectId dep : r.dependsOn()) {
        if (!expected.contains(dep) || dep.equals(r.id())) {
          continue;
        }
        if (dep.kind() == ObjectKind.FUNCTION || dep.kind() == ObjectKind.PROCEDURE) {
          dependents.computeIfAbsent(dep, k -> new ArrayList<>()).add(r.id());
          n++;
        } else {
          at = later(at, dep.kind());
        }
      }
      waiting.put(r.id(), n);
      placement.put(r.id(), at);
    }
    PriorityQueue<CatalogObject> ready = new PriorityQueue<>(BY_NAME);
    routines.stream().filter(r -> waiting.get(r.id()) == 0).forEach(ready::add);
    List<CatalogObject> ordered = new ArrayList<>();
    Set<ObjectId> done = new HashSet<>();
    while (!ready.isEmpty()) {
      CatalogObject r = ready.poll();
      ordered.add(r);
      done.add(r.id());
      for (ObjectId d : dependents.getOrDefault(r.id(), List.of())) {
        // a routine is placed no earlier than what it calls
        placement.merge(d, placement.get(r.id()), RoutineOrder::later);
        if (waiting.merge(d, -1, Integer::sum) == 0) {
          ready.add(expected.get(d));
        }
      }
    }
    int rank = 0;
    for (CatalogObject r : ordered) {
      places.put(r.id(), new Place(key(rank++), placement.get(r.id()), false));
    }
    // a cycle: name order, and a note
    for (CatalogObject r : routines) {
      if (!done.contains(r.id())) {
        places.put(r.id(), new Place(key(rank++), placement.get(r.id()), true));
      }
    }
  }

  private static String key(int rank) {
    return String.format("%06d", rank);
  }

  private static ObjectKind later(ObjectKind a, ObjectKind b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** Where a routine of the expected catalog goes; null for other objects. */
  Place place(CatalogObject o) {
    return places.get(o.id());
  }
}
