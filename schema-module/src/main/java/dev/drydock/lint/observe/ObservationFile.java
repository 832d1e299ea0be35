package dev.drydock.lint.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.files.CodeHash;
import dev.drydock.migrate.Migrations;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An {@link Observation} as bytes, read back equal: what lets a second lint of the same new
 * migrations on the same prefix skip the throwaway (the observation is kept with the prefix's
 * snapshot). Files are kept as script names and located again on reading; catalog states that
 * repeat (one statement's after is the next one's before) are written once. A file is only valid
 * for the observing code that wrote it: {@link #codeIdentity()}.
 */
public final class ObservationFile {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int FORMAT = 1;
  private static String codeIdentity;

  private ObservationFile() {}

  /**
   * A hash of the code an observation depends on: this package (the probes, the wrapper) and the
   * migration package (how Flyway is run, placeholders, statement locations).
   */
  public static synchronized String codeIdentity() {
    if (codeIdentity == null) {
      codeIdentity = CodeHash.of(Observer.class, Migrations.class);
    }
    return codeIdentity;
  }

  /** {@code observation} and where its throwaway started from, as bytes. */
  public static byte[] write(Observation observation, String startedFrom) {
    ObjectNode root = JSON.createObjectNode();
    root.put("serverVersion", observation.serverVersion());
    root.put("startedFrom", startedFrom);
    root.put("notValidNotNull", observation.notValidNotNull());
    Map<String, Integer> catalogIndex = new LinkedHashMap<>();
    ArrayNode catalogs = root.putArray("catalogs");
    root.put("existing", catalog(observation.existing(), catalogs, catalogIndex));
    ArrayNode migrations = root.putArray("migrations");
    for (ObservedMigration m : observation.migrations()) {
      ObjectNode mn = migrations.addObject();
      mn.put("script", m.script());
      mn.put("transactional", m.transactional());
      ArrayNode statements = mn.putArray("statements");
      for (ObservedStatement s : m.statements()) {
        ObjectNode sn = statements.addObject();
        sn.put("index", s.index());
        sn.put("line", s.line());
        sn.put("endLine", s.endLine());
        sn.put("sql", s.sql());
        sn.put("inTransaction", s.inTransaction());
        sn.put("locksObserved", s.locksObserved());
        sn.put("lockTimeout", s.lockTimeoutMillis());
        sn.put("statementTimeout", s.statementTimeoutMillis());
        ObjectNode before = sn.putObject("locksBefore");
        s.locksBefore().forEach((k, v) -> before.put(k.toString(), v.name()));
        ObjectNode after = sn.putObject("locksAfter");
        s.locksAfter().forEach((k, v) -> after.put(k.toString(), v.name()));
        ObjectNode scans = sn.putObject("scans");
        s.sequentialScans().forEach((k, v) -> scans.put(k.toString(), v));
        sn.put("before", catalog(s.before(), catalogs, catalogIndex));
        sn.put("after", catalog(s.after(), catalogs, catalogIndex));
      }
    }
    try {
      ObjectNode envelope = JSON.createObjectNode();
      envelope.put("format", FORMAT);
      envelope.put("sha256", sha256(JSON.writeValueAsBytes(root)));
      envelope.set("observation", root);
      return JSON.writeValueAsBytes(envelope);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads what {@link #write} wrote, locating each script's file with {@code locate}.
   *
   * @throws IOException when the bytes are not an observation of this format, or not what was
   *     written (checksum)
   */
  public static Kept read(byte[] bytes, Function<String, Path> locate) throws IOException {
    JsonNode envelope = JSON.readTree(bytes);
    if (envelope == null || envelope.path("format").asInt() != FORMAT) {
      throw new IOException("not an observation of format " + FORMAT);
    }
    JsonNode root = envelope.path("observation");
    if (!root.isObject()
        || !sha256(JSON.writeValueAsBytes(root)).equals(envelope.path("sha256").asText())) {
      throw new IOException("the kept observation does not match its checksum");
    }
    try {
      List<CatalogState> catalogs = new ArrayList<>();
      for (JsonNode c : root.path("catalogs")) {
        catalogs.add(catalog(c));
      }
      List<ObservedMigration> migrations = new ArrayList<>();
      for (JsonNode mn : root.path("migrations")) {
        String script = mn.path("script").asText();
        Path file = locate.apply(script);
        List<ObservedStatement> statements = new ArrayList<>();
        for (JsonNode sn : mn.path("statements")) {
          statements.add(
              new ObservedStatement(
                  sn.path("index").asInt(),
                  file,
                  sn.path("line").asInt(),
                  sn.path("endLine").asInt(),
                  sn.path("sql").asText(),
                  sn.path("inTransaction").asBoolean(),
                  sn.path("locksObserved").asBoolean(),
                  sn.path("lockTimeout").asLong(),
                  sn.path("statementTimeout").asLong(),
                  Map.copyOf(locks(sn.path("locksBefore"))),
                  Map.copyOf(locks(sn.path("locksAfter"))),
                  Map.copyOf(counts(sn.path("scans"))),
                  catalogs.get(sn.path("before").asInt()),
                  catalogs.get(sn.path("after").asInt())));
        }
        migrations.add(
            new ObservedMigration(script, file, mn.path("transactional").asBoolean(), statements));
      }
      Observation observation =
          new Observation(
              catalogs.get(root.path("existing").asInt()),
              root.path("serverVersion").asInt(),
              migrations,
              root.path("notValidNotNull").asBoolean());
      return new Kept(observation, root.path("startedFrom").asText());
    } catch (RuntimeException e) {
      throw new IOException("unreadable kept observation: " + e.getMessage(), e);
    }
  }

  /** An observation read back, with where its throwaway had started from. */
  public record Kept(Observation observation, String startedFrom) {}

  private static int catalog(CatalogState state, ArrayNode catalogs, Map<String, Integer> index) {
    ObjectNode node = JSON.createObjectNode();
    ArrayNode relations = node.putArray("relations");
    state
        .relations()
        .values()
        .forEach(
            r ->
                relations
                    .addArray()
                    .add(r.oid())
                    .add(r.schema())
                    .add(r.name())
                    .add(String.valueOf(r.kind()))
                    .add(r.table())
                    .add(state.fileNode(r.oid())));
    ArrayNode columns = node.putArray("columns");
    state
        .columns()
        .values()
        .forEach(
            c ->
                columns
                    .addArray()
                    .add(c.table())
                    .add(c.number())
                    .add(c.name())
                    .add(c.type())
                    .add(c.typeOid())
                    .add(c.typmod())
                    .add(c.notNull())
                    .add(c.hasDefault())
                    .add(c.generated()));
    ArrayNode constraints = node.putArray("constraints");
    state
        .constraints()
        .values()
        .forEach(
            c ->
                constraints
                    .addArray()
                    .add(c.oid())
                    .add(c.name())
                    .add(String.valueOf(c.type()))
                    .add(c.table())
                    .add(c.referenced())
                    .add(c.validated()));
    String text = node.toString();
    Integer at = index.get(text);
    if (at == null) {
      at = index.size();
      index.put(text, at);
      catalogs.add(node);
    }
    return at;
  }

  private static CatalogState catalog(JsonNode node) {
    Map<Long, Relation> relations = new HashMap<>();
    Map<Long, Long> fileNodes = new HashMap<>();
    for (JsonNode r : node.path("relations")) {
      Relation relation =
          new Relation(
              r.get(0).asLong(),
              r.get(1).asText(),
              r.get(2).asText(),
              r.get(3).asText().charAt(0),
              r.get(4).asLong());
      relations.put(relation.oid(), relation);
      fileNodes.put(relation.oid(), r.get(5).asLong());
    }
    Map<CatalogState.ColumnKey, Column> columns = new HashMap<>();
    for (JsonNode c : node.path("columns")) {
      Column column =
          new Column(
              c.get(0).asLong(),
              c.get(1).asInt(),
              c.get(2).asText(),
              c.get(3).asText(),
              c.get(4).asLong(),
              c.get(5).asInt(),
              c.get(6).asBoolean(),
              c.get(7).asBoolean(),
              c.get(8).asBoolean());
      columns.put(new CatalogState.ColumnKey(column.table(), column.number()), column);
    }
    Map<Long, Constraint> constraints = new HashMap<>();
    for (JsonNode c : node.path("constraints")) {
      Constraint constraint =
          new Constraint(
              c.get(0).asLong(),
              c.get(1).asText(),
              c.get(2).asText().charAt(0),
              c.get(3).asLong(),
              c.get(4).asLong(),
              c.get(5).asBoolean());
      constraints.put(constraint.oid(), constraint);
    }
    return new CatalogState(relations, fileNodes, columns, constraints);
  }

  private static Map<Long, LockMode> locks(JsonNode node) {
    Map<Long, LockMode> locks = new HashMap<>();
    node.fields()
        .forEachRemaining(
            e -> locks.put(Long.parseLong(e.getKey()), LockMode.valueOf(e.getValue().asText())));
    return locks;
  }

  private static Map<Long, Long> counts(JsonNode node) {
    Map<Long, Long> counts = new HashMap<>();
    node.fields()
        .forEachRemaining(e -> counts.put(Long.parseLong(e.getKey()), e.getValue().asLong()));
    return counts;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
