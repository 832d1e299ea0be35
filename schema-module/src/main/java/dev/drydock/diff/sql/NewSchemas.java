package dev.drydock.diff.sql;

import dev.drydock.diff.ChangeKind;
import dev.drydock.diff.DiffResult;
import dev.drydock.diff.Difference;
import dev.drydock.introspect.Catalog;
import dev.drydock.introspect.CatalogObject;
import dev.drydock.introspect.ObjectId;
import dev.drydock.introspect.ObjectKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A comparison prepared for the planner when the actual side lacks whole schemas (pull, draft). */
public final class NewSchemas {
  private NewSchemas() {}

  /**
   * Works around the planner creating a missing schema's tables' columns twice (once in {@code
   * CREATE TABLE}, once as {@code ADD COLUMN}): the objects of a schema missing from the migrations
   * are detached from it and planned as missing objects of their own, so the planner creates the
   * schema empty and then each object as it does in an existing schema.
   */
  public static DiffResult createdEmpty(DiffResult result) {
    Set<ObjectId> newSchemas = new HashSet<>();
    for (Difference d : result.differences()) {
      if (d.change() == ChangeKind.REMOVED && d.objectKind() == ObjectKind.SCHEMA) {
        newSchemas.add(d.id());
      }
    }
    if (newSchemas.isEmpty()) {
      return result;
    }
    List<Difference> differences = new ArrayList<>(result.differences());
    List<CatalogObject> objects = new ArrayList<>();
    for (CatalogObject o : result.expected().objectsInAnyOrder()) {
      if (o.parent() != null && newSchemas.contains(o.parent())) {
        objects.add(new CatalogObject(o.id(), null, o.attributes(), o.details()));
        differences.add(new Difference(o.id(), ChangeKind.REMOVED, null, null, null));
      } else {
        objects.add(o);
      }
    }
    Collections.sort(differences);
    return new DiffResult(
        differences, new Catalog(result.expected().schemas(), objects), result.actual());
  }
}
