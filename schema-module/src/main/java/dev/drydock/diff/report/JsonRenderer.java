package dev.drydock.diff.report;

import dev.drydock.diff.ChangeKind;
import dev.drydock.diff.DiffResult;
import dev.drydock.diff.Difference;
import java.util.List;
import java.util.Locale;

/**
 * Machine-readable drift report. The structure is stable; fields are only ever added, and {@code
 * version} changes if one is removed or changes meaning:
 *
 * <pre>{@code
 * {
 *   "version": 1,
 *   "drift": true,                          // false when differences is empty
 *   "expected": "migrations in ./migrations",
 *   "actual": "jdbc:postgresql://db:5432/app", // password-free
 *   "schemas": ["public"],
 *   "summary": {"added": 0, "removed": 1, "changed": 1},
 *   "differences": [                        // sorted by objectKind (dependency order), object, change, attribute
 *     {"objectKind": "index",              // schema|extension|enum|domain|function|procedure|sequence|table|
 *                                          // column|constraint|index|view|materialized_view|trigger|policy
 *      "object": "public.users.name_idx",  // dotted path: schema.table.name (functions: schema.name(args))
 *      "path": ["public", "users", "name_idx"],
 *      "change": "removed",                // added (only live) | removed (only migrations) | changed
 *      "attribute": null,                  // for changed: which attribute, e.g. "on_delete"
 *      "expected": "CREATE INDEX ...",     // migrations' value, null when absent
 *      "actual": null}                     // live value, null when absent
 *   ],
 *   "notCompared": ["object owners", ...]
 * }
 * }</pre>
 */
public final class JsonRenderer {

  public static final int VERSION = 1;

  private JsonRenderer() {}

  public static String render(
      DiffResult result, String expectedLabel, String actualLabel, List<String> notCompared) {
    StringBuilder sb = new StringBuilder();
    sb.append("{\n");
    sb.append("  \"version\": ").append(VERSION).append(",\n");
    sb.append("  \"drift\": ").append(result.hasDrift()).append(",\n");
    sb.append("  \"expected\": ").append(Json.string(expectedLabel)).append(",\n");
    sb.append("  \"actual\": ").append(Json.string(actualLabel)).append(",\n");
    sb.append("  \"schemas\": ")
        .append(array(List.copyOf(result.expected().schemas())))
        .append(",\n");
    sb.append("  \"summary\": {\"added\": ")
        .append(result.count(ChangeKind.ADDED))
        .append(", \"removed\": ")
        .append(result.count(ChangeKind.REMOVED))
        .append(", \"changed\": ")
        .append(result.count(ChangeKind.CHANGED))
        .append("},\n");
    sb.append("  \"differences\": [");
    List<Difference> diffs = result.differences();
    for (int i = 0; i < diffs.size(); i++) {
      Difference d = diffs.get(i);
      sb.append(i == 0 ? "\n" : ",\n");
      sb.append("    {\"objectKind\": ")
          .append(Json.string(d.objectKind().id()))
          .append(", \"object\": ")
          .append(Json.string(d.objectName()))
          .append(", \"path\": ")
          .append(array(d.id().path()))
          .append(", \"change\": ")
          .append(Json.string(d.change().name().toLowerCase(Locale.ROOT)))
          .append(", \"attribute\": ")
          .append(Json.string(d.attribute() == null ? null : d.attribute().key()))
          .append(", \"expected\": ")
          .append(Json.string(d.expected()))
          .append(", \"actual\": ")
          .append(Json.string(d.actual()))
          .append('}');
    }
    sb.append(diffs.isEmpty() ? "],\n" : "\n  ],\n");
    sb.append("  \"notCompared\": ").append(array(notCompared)).append('\n');
    sb.append("}\n");
    return sb.toString();
  }

  private static String array(List<String> values) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(Json.string(values.get(i)));
    }
    return sb.append(']').toString();
  }
}
