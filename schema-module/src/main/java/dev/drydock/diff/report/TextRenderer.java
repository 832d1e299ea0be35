package dev.drydock.diff.report;

import dev.drydock.diff.ChangeKind;
import dev.drydock.diff.DiffResult;
import dev.drydock.diff.Difference;
import dev.drydock.introspect.ObjectKind;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Human-readable drift report: one line per difference, grouped by object kind, naming the object
 * and both sides' values. Long values are shortened around the first character that differs.
 */
public final class TextRenderer {

  static final int MAX_VALUE = 120;

  private TextRenderer() {}

  public static String render(
      DiffResult result, String expectedLabel, String actualLabel, List<String> notCompared) {
    StringBuilder sb = new StringBuilder();
    List<Difference> diffs = result.differences();
    if (diffs.isEmpty()) {
      sb.append("No drift: ")
          .append(actualLabel)
          .append(" matches ")
          .append(expectedLabel)
          .append(" (schemas: ")
          .append(String.join(", ", result.expected().schemas()))
          .append(").\n");
    } else {
      sb.append("Drift: ")
          .append(diffs.size())
          .append(diffs.size() == 1 ? " difference" : " differences")
          .append(" between ")
          .append(expectedLabel)
          .append(" (expected) and ")
          .append(actualLabel)
          .append(" (actual)")
          .append(" [")
          .append(result.count(ChangeKind.ADDED))
          .append(" added, ")
          .append(result.count(ChangeKind.REMOVED))
          .append(" removed, ")
          .append(result.count(ChangeKind.CHANGED))
          .append(" changed]\n");
      sb.append("  + only in the live database   - missing from the live database   ~ differs\n");
      Map<ObjectKind, List<Difference>> groups =
          diffs.stream()
              .collect(
                  Collectors.groupingBy(Difference::objectKind, TreeMap::new, Collectors.toList()));
      for (Map.Entry<ObjectKind, List<Difference>> group : groups.entrySet()) {
        sb.append('\n').append(group.getKey().plural()).append('\n');
        for (Difference d : group.getValue()) {
          sb.append("  ").append(line(d)).append('\n');
        }
      }
    }
    if (!notCompared.isEmpty()) {
      sb.append("\nNot compared: ").append(String.join("; ", notCompared)).append(".\n");
    }
    return sb.toString();
  }

  static String line(Difference d) {
    return switch (d.change()) {
      case ADDED -> "+ " + d.objectName() + "  added: " + abbreviate(d.actual(), null);
      case REMOVED -> "- " + d.objectName() + "  removed: " + abbreviate(d.expected(), null);
      case CHANGED ->
          "~ "
              + d.objectName()
              + "  "
              + d.attribute().key()
              + ": expected "
              + abbreviate(d.expected(), d.actual())
              + ", actual "
              + abbreviate(d.actual(), d.expected());
    };
  }

  /** The value, or a window of it around the first difference from {@code other} if long. */
  static String abbreviate(String value, String other) {
    if (value == null) {
      return "(none)";
    }
    if (value.length() <= MAX_VALUE) {
      return value;
    }
    int first = 0;
    if (other != null) {
      int n = Math.min(value.length(), other.length());
      while (first < n && value.charAt(first) == other.charAt(first)) {
        first++;
      }
    }
    int start = Math.max(0, first - 40);
    int end = Math.min(value.length(), start + MAX_VALUE);
    return (start > 0 ? "…" : "") + value.substring(start, end) + (end < value.length() ? "…" : "");
  }
}
