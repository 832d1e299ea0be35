package dev.drydock.draft.hints;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.drydock.diff.sql.DeclaredRename;
import dev.drydock.introspect.ObjectId;
import dev.drydock.introspect.ObjectKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a draft may not guess, committed beside the desired schema ({@code drydock-hints.toml}):
 * which objects were renamed (so their data is kept) and which may be dropped.
 *
 * <pre>{@code
 * renames = [
 *   "table public.orders_old -> public.orders",
 *   "column public.orders.total -> public.orders.amount",
 * ]
 * drops = ["table public.legacy", "column public.orders.note"]
 * }</pre>
 *
 * <p>Names are written as {@code drydock diff} shows them: schema-qualified, dotted, exact case. A
 * hint that no longer applies (the rename was drafted already) is ignored, so the file can stay.
 *
 * @param renames the declared renames
 * @param drops objects that may be dropped (with their data)
 */
public record Hints(List<DeclaredRename> renames, Set<ObjectId> drops) {

  /** The file name looked for in the desired-state folder. */
  public static final String FILE_NAME = "drydock-hints.toml";

  private static final Pattern OBJECT = Pattern.compile("(schema|table|sequence|column)\\s+(\\S+)");
  private static final Pattern RENAME = Pattern.compile("(table|column)\\s+(\\S+)\\s*->\\s*(\\S+)");
  private static final Set<String> KEYS = Set.of("renames", "drops");

  public Hints {
    renames = List.copyOf(renames);
    drops = Set.copyOf(drops);
  }

  /** No hints: every rename is a question, every data-holding drop is refused. */
  public static Hints none() {
    return new Hints(List.of(), Set.of());
  }

  /** The hints in {@code file}; none when it does not exist. */
  public static Hints read(Path file) {
    if (!Files.isRegularFile(file)) {
      return none();
    }
    JsonNode root;
    try {
      root = new TomlMapper().readTree(file.toFile());
    } catch (JacksonException e) {
      throw new HintsException(
          file + ": not valid TOML: " + e.getOriginalMessage().lines().findFirst().orElse(""), e);
    } catch (IOException e) {
      throw new HintsException(file + ": cannot be read: " + e.getMessage(), e);
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String key = names.next();
      if (!KEYS.contains(key)) {
        throw new HintsException(
            file + ": unknown key '" + key + "' (the keys are renames and drops)");
      }
    }
    List<DeclaredRename> renames = new ArrayList<>();
    for (String entry : strings(file, root, "renames")) {
      Matcher m = RENAME.matcher(entry.strip());
      if (!m.matches()) {
        throw new HintsException(
            file
                + ": renames entry '"
                + entry
                + "' is not 'table SCHEMA.OLD -> SCHEMA.NEW' or 'column SCHEMA.TABLE.OLD ->"
                + " SCHEMA.TABLE.NEW'");
      }
      renames.add(
          new DeclaredRename(
              id(file, entry, m.group(1), m.group(2)), id(file, entry, m.group(1), m.group(3))));
    }
    Set<ObjectId> drops = new LinkedHashSet<>();
    for (String entry : strings(file, root, "drops")) {
      Matcher m = OBJECT.matcher(entry.strip());
      if (!m.matches()) {
        throw new HintsException(
            file
                + ": drops entry '"
                + entry
                + "' is not 'schema NAME', 'table SCHEMA.NAME', 'sequence SCHEMA.NAME' or"
                + " 'column SCHEMA.TABLE.NAME'");
      }
      drops.add(id(file, entry, m.group(1), m.group(2)));
    }
    return new Hints(renames, drops);
  }

  /** How a rename of {@code from} to {@code to} is written in the file. */
  public static String renameEntry(ObjectId from, ObjectId to) {
    return from.kind().label() + " " + from.name() + " -> " + to.name();
  }

  /** How a drop of {@code id} is written in the file. */
  public static String dropEntry(ObjectId id) {
    return id.kind().label() + " " + id.name();
  }

  private static List<String> strings(Path file, JsonNode root, String key) {
    JsonNode node = root.get(key);
    if (node == null) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new HintsException(file + ": " + key + " must be an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : node) {
      if (!item.isTextual()) {
        throw new HintsException(file + ": " + key + " must be an array of strings");
      }
      out.add(item.asText());
    }
    return out;
  }

  private static ObjectId id(Path file, String entry, String kind, String name) {
    List<String> path = Arrays.asList(name.split("\\."));
    ObjectKind objectKind =
        switch (kind) {
          case "schema" -> ObjectKind.SCHEMA;
          case "sequence" -> ObjectKind.SEQUENCE;
          case "column" -> ObjectKind.COLUMN;
          default -> ObjectKind.TABLE;
        };
    String shape =
        switch (objectKind) {
          case SCHEMA -> "NAME, e.g. legacy";
          case COLUMN -> "SCHEMA.TABLE.COLUMN, e.g. public.orders.total";
          default -> "SCHEMA.NAME, e.g. public.orders";
        };
    int parts = shape.split(",")[0].split("\\.").length;
    if (path.size() != parts || path.stream().anyMatch(String::isEmpty)) {
      throw new HintsException(file + ": '" + entry + "': a " + kind + " is named " + shape);
    }
    return new ObjectId(objectKind, path);
  }
}
