package dev.drydock.diff;

import dev.drydock.introspect.Catalog;
import java.util.List;

/** The differences between two catalogs, plus the catalogs themselves for the SQL renderer. */
public record DiffResult(List<Difference> differences, Catalog expected, Catalog actual) {

  public DiffResult {
    differences = List.copyOf(differences);
  }

  public boolean hasDrift() {
    return !differences.isEmpty();
  }

  public long count(ChangeKind kind) {
    return differences.stream().filter(d -> d.change() == kind).count();
  }
}
