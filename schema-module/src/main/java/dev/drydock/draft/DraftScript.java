package dev.drydock.draft;

import dev.drydock.diff.ChangeKind;
import dev.drydock.diff.DiffResult;
import dev.drydock.diff.Difference;
import dev.drydock.introspect.Attribute;
import dev.drydock.introspect.CatalogObject;
import dev.drydock.introspect.ConstraintType;
import dev.drydock.introspect.Detail;
import dev.drydock.introspect.ObjectKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The planner's script as the body of migrations: its header, {@code BEGIN} and {@code COMMIT} left
 * out (Flyway runs each migration in a transaction), cut into the blocks the planner separates with
 * blank lines, and made lock-aware: an index created on a table the migrations already have moves
 * to a migration of its own as {@code CREATE INDEX CONCURRENTLY} (run outside a transaction), and a
 * foreign key or check added to such a table is added {@code NOT VALID} and validated in that
 * second migration, so neither blocks writes while it scans the table.
 */
final class DraftScript {

  private static final String DESTRUCTIVE = "-- DESTRUCTIVE: ";
  private static final String ONLY_LIVE = ", which exists only live";

  /** One blank-line-separated part of the planner's script: comment lines and statement lines. */
  record Block(List<String> lines) {
    Optional<String> destructiveReason() {
      return lines.stream()
          .filter(l -> l.startsWith(DESTRUCTIVE))
          .map(l -> l.substring(DESTRUCTIVE.length()))
          .findFirst();
    }

    /** The statement without its comments, lines joined with newlines. */
    String statement() {
      return String.join("\n", lines.stream().filter(l -> !l.startsWith("--")).toList());
    }

    String firstStatementLine() {
      return lines.stream().filter(l -> !l.startsWith("--")).findFirst().orElse("");
    }

    String text() {
      return String.join("\n", lines);
    }
  }

  /**
   * The draft's statements.
   *
   * @param main what runs in the migration's transaction
   * @param outside what runs afterwards, statement by statement outside a transaction (indexes
   *     built concurrently, constraints validated); empty when there is none
   */
  record Bodies(String main, String outside) {}

  private DraftScript() {}

  /** The planner's script without its header and transaction, in blocks. */
  static List<Block> blocks(String script) {
    List<Block> out = new ArrayList<>();
    List<String> current = new ArrayList<>();
    boolean inBody = false;
    for (String line : script.split("\n", -1)) {
      if (!inBody) {
        inBody = line.startsWith("SET check_function_bodies");
        continue;
      }
      if (line.equals("BEGIN;") || line.equals("COMMIT;")) {
        continue;
      }
      if (line.isEmpty()) {
        if (!current.isEmpty()) {
          out.add(new Block(List.copyOf(current)));
          current.clear();
        }
      } else {
        current.add(line);
      }
    }
    if (!current.isEmpty()) {
      out.add(new Block(List.copyOf(current)));
    }
    return out;
  }

  /** The blocks as migration bodies, lock-aware when {@code lockAware}. */
  static Bodies bodies(List<Block> blocks, DiffResult result, boolean lockAware) {
    Map<String, CatalogObject> indexes = new HashMap<>();
    Map<String, CatalogObject> constraints = new HashMap<>();
    if (lockAware) {
      for (Difference d : result.differences()) {
        if (d.change() != ChangeKind.REMOVED) {
          continue;
        }
        CatalogObject o = result.expected().get(d.id());
        CatalogObject table = o.parent() == null ? null : result.actual().get(o.parent());
        if (table == null
            || table.kind() != ObjectKind.TABLE
            || table.attribute(Attribute.PARTITION_KEY) != null) {
          continue;
        }
        if (o.kind() == ObjectKind.INDEX) {
          indexes.put(o.detail(Detail.DDL) + ";", o);
        } else if (o.kind() == ObjectKind.CONSTRAINT
            && (o.constraintType() == ConstraintType.FOREIGN_KEY
                ? o.flag(Attribute.VALIDATED)
                : o.constraintType() == ConstraintType.CHECK
                    && !o.detail(Detail.DDL).endsWith("NOT VALID"))) {
          constraints.put(
              "ALTER TABLE "
                  + o.detail(Detail.TABLE)
                  + " ADD CONSTRAINT "
                  + o.detail(Detail.QNAME)
                  + " "
                  + o.detail(Detail.DDL)
                  + ";",
              o);
        }
      }
    }
    StringBuilder main = new StringBuilder("SET check_function_bodies = false;\n");
    StringBuilder outside = new StringBuilder();
    for (Block b : blocks) {
      String statement = b.statement();
      CatalogObject index = indexes.get(statement);
      CatalogObject constraint = constraints.get(statement);
      if (index != null) {
        outside
            .append("\n-- ")
            .append(index.id())
            .append(" on an existing table: built without blocking writes.\n")
            .append(
                statement.replaceFirst("^CREATE (UNIQUE )?INDEX ", "CREATE $1INDEX CONCURRENTLY "))
            .append('\n');
      } else if (constraint != null) {
        main.append('\n')
            .append("-- ")
            .append(constraint.id())
            .append(" on an existing table: checked for new rows now, validated in the next")
            .append(" migration.\n")
            .append(statement, 0, statement.length() - 1)
            .append(" NOT VALID;\n");
        outside
            .append("\n-- ")
            .append(constraint.id())
            .append(": existing rows checked without blocking writes.\n")
            .append("ALTER TABLE ")
            .append(constraint.detail(Detail.TABLE))
            .append(" VALIDATE CONSTRAINT ")
            .append(constraint.detail(Detail.QNAME))
            .append(";\n");
      } else {
        main.append('\n')
            .append(b.text().replace(ONLY_LIVE, ", which the desired schema does not have"))
            .append('\n');
      }
    }
    main.append("\nRESET check_function_bodies;\n");
    return new Bodies(main.toString(), outside.toString().strip());
  }
}
