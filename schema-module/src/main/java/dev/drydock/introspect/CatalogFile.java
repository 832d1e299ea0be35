package dev.drydock.introspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.files.CodeHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@link Catalog} as a JSON file, read back equal: what lets a run with unchanged migrations skip
 * the throwaway database altogether (a migration snapshot keeps the catalog introspected from it).
 * A file is only valid for the introspection code that wrote it: {@link #codeIdentity()}.
 */
public final class CatalogFile {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** 2: the catalog inside an envelope with its SHA-256; a file of format 1 is never used. */
  private static final int FORMAT = 2;

  private CatalogFile() {}

  /** Writes {@code catalog} to {@code file}. */
  public static void write(Catalog catalog, Path file) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode schemas = root.putArray("schemas");
    catalog.schemas().forEach(schemas::add);
    ObjectNode quoting = root.putObject("quoting");
    quoting.put("quoteAll", catalog.quoting().quoteAll());
    ArrayNode keywords = quoting.putArray("keywords");
    new TreeSet<>(catalog.quoting().keywords()).forEach(keywords::add);
    ArrayNode objects = root.putArray("objects");
    for (CatalogObject o : catalog.objects().values()) {
      ObjectNode node = objects.addObject();
      id(node.putObject("id"), o.id());
      if (o.parent() != null) {
        id(node.putObject("parent"), o.parent());
      }
      ObjectNode attributes = node.putObject("attributes");
      o.attributes().forEach((k, v) -> attributes.put(k.name(), v));
      ObjectNode details = node.putObject("details");
      o.details().forEach((k, v) -> details.put(k.name(), v));
    }
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("format", FORMAT);
    envelope.put("sha256", sha256(JSON.writeValueAsBytes(root)));
    envelope.set("catalog", root);
    Files.write(file, JSON.writeValueAsBytes(envelope));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads a catalog {@link #write} wrote.
   *
   * @throws IOException when the file is unreadable, of another format, or not what was written
   *     (its content does not have the checksum it was written with)
   */
  public static Catalog read(Path file) throws IOException {
    JsonNode envelope;
    try {
      envelope = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException("unreadable catalog file " + file + ": " + e.getMessage(), e);
    }
    if (envelope == null || envelope.path("format").asInt() != FORMAT) {
      throw new IOException("not a catalog file of format " + FORMAT + ": " + file);
    }
    JsonNode root = envelope.path("catalog");
    if (!root.isObject()
        || !sha256(JSON.writeValueAsBytes(root)).equals(envelope.path("sha256").asText())) {
      throw new IOException("catalog file " + file + " does not match its checksum");
    }
    try {
      List<String> schemas = new ArrayList<>();
      root.path("schemas").forEach(s -> schemas.add(s.asText()));
      Set<String> keywords = new TreeSet<>();
      root.path("quoting").path("keywords").forEach(k -> keywords.add(k.asText()));
      IdentifierQuoting quoting =
          new IdentifierQuoting(keywords, root.path("quoting").path("quoteAll").asBoolean());
      List<CatalogObject> objects = new ArrayList<>();
      for (JsonNode node : root.path("objects")) {
        Map<Attribute, String> attributes = new EnumMap<>(Attribute.class);
        node.path("attributes")
            .fields()
            .forEachRemaining(
                e -> attributes.put(Attribute.valueOf(e.getKey()), text(e.getValue())));
        Map<Detail, String> details = new EnumMap<>(Detail.class);
        node.path("details")
            .fields()
            .forEachRemaining(e -> details.put(Detail.valueOf(e.getKey()), text(e.getValue())));
        objects.add(
            new CatalogObject(
                id(node.path("id")),
                node.has("parent") ? id(node.path("parent")) : null,
                attributes,
                details));
      }
      return new Catalog(schemas, objects, quoting);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IOException("unreadable catalog file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * What a kept catalog depends on besides the database it was read from: this code ({@link
   * #codeIdentity()}), the history table left out, the schemas asked for (empty: all).
   */
  public static String keyFor(String historyTable, java.util.Collection<String> schemas) {
    return codeIdentity() + "|" + historyTable + "|" + new TreeSet<>(schemas);
  }

  /**
   * A hash of the introspection code itself (every class and SQL file of this package, as built): a
   * catalog file written by other code is not used, even under the same version number.
   */
  public static String codeIdentity() {
    return CodeHash.of(CatalogFile.class);
  }

  private static String text(JsonNode value) {
    return value.isNull() ? null : value.asText();
  }

  private static void id(ObjectNode node, ObjectId id) {
    node.put("kind", id.kind().name());
    ArrayNode path = node.putArray("path");
    id.path().forEach(path::add);
  }

  private static ObjectId id(JsonNode node) {
    List<String> path = new ArrayList<>();
    node.path("path").forEach(p -> path.add(p.asText()));
    return new ObjectId(ObjectKind.valueOf(node.path("kind").asText()), path);
  }
}
