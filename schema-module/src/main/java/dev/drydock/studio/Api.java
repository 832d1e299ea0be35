package dev.drydock.studio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The studio's JSON API under {@code /api/}: {@code GET schema}, {@code GET rows}, {@code GET
 * count}, {@code GET drift}, {@code GET value} (one whole value of a row), {@code POST insert},
 * {@code POST update}, {@code POST delete}. Errors are {@code {"error": {"status", "kind",
 * "message", "constraint"}}}.
 */
final class Api {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final int DEFAULT_LIMIT = 50;

  /** The largest request body read: 8 MiB (a bigger one is refused with 413, unread). */
  static final int MAX_BODY_BYTES = 8 << 20;

  private final StudioSchema schema;
  private final RowStore rows;
  private final StudioSettings settings;
  private final String displayUrl;
  private final DriftReport drift;

  Api(
      StudioSchema schema,
      RowStore rows,
      StudioSettings settings,
      String displayUrl,
      DriftReport drift) {
    this.schema = schema;
    this.rows = rows;
    this.settings = settings;
    this.displayUrl = displayUrl;
    this.drift = drift;
  }

  void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String endpoint = exchange.getRequestURI().getPath().substring("/api/".length());
    String query = exchange.getRequestURI().getRawQuery();
    try {
      Object body =
          switch (method + " " + endpoint) {
            case "GET schema" -> schemaView();
            case "GET rows" -> rows.page(rowQuery(query));
            case "GET count" ->
                rows.count(required(query, "schema"), required(query, "table"), filters(query));
            case "GET drift" -> drift;
            case "GET value" ->
                java.util.Collections.singletonMap(
                    "value",
                    rows.value(
                        required(query, "schema"),
                        required(query, "table"),
                        strings(
                            parse(required(query, "key"), new TypeReference<JsonNode>() {}, "key")),
                        required(query, "column")));
            case "POST insert" -> insert(readJson(exchange));
            case "POST update" -> update(readJson(exchange));
            case "POST delete" -> delete(readJson(exchange));
            default ->
                throw new StudioException(
                    404, "not_found", "No API " + method + " /api/" + endpoint);
          };
      sendJson(exchange, 200, body);
    } catch (StudioException e) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("status", e.status());
      error.put("kind", e.kind());
      error.put("message", e.getMessage());
      error.put("constraint", e.constraint());
      sendJson(exchange, e.status(), Map.of("error", error));
    }
  }

  private Map<String, Object> schemaView() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("database", displayUrl);
    out.put("write", settings.write());
    out.put("versionColumn", settings.versionColumn());
    out.put("schemas", schema.schemas());
    out.put("relations", schema.relations());
    out.put("enums", schema.enums());
    out.put("drift", drift.enabled() ? drift.drift() : null);
    return out;
  }

  private RowQuery rowQuery(String query) {
    String limit = parameter(query, "limit");
    String after = parameter(query, "after");
    return new RowQuery(
        required(query, "schema"),
        required(query, "table"),
        blankToNull(parameter(query, "sort")),
        "desc".equals(parameter(query, "dir")),
        filters(query),
        after == null || after.isBlank() ? List.of() : parse(after, STRINGS, "after"),
        limit == null ? DEFAULT_LIMIT : parseInt(limit));
  }

  /** {@code filters=[{"column":"email","op":"contains","value":"ada"}, ...]}. */
  private static List<Filter> filters(String query) {
    String raw = parameter(query, "filters");
    List<Filter> out = new ArrayList<>();
    if (raw == null || raw.isBlank()) {
      return out;
    }
    JsonNode array = parse(raw, new TypeReference<JsonNode>() {}, "filters");
    if (!array.isArray()) {
      throw new StudioException(
          400,
          "bad_request",
          "filters must be a JSON array of {\"column\", \"op\", \"value\"} objects, got "
              + array.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
    }
    for (JsonNode f : array) {
      if (!f.isObject()) {
        throw new StudioException(
            400, "bad_request", "Each filter must be an object {\"column\", \"op\", \"value\"}");
      }
      JsonNode value = f.get("value");
      out.add(
          new Filter(
              text(f, "column"),
              Filter.Operator.parse(text(f, "op")),
              value == null || value.isNull() ? null : value.asText()));
    }
    return out;
  }

  private RowStore.Row insert(JsonNode body) {
    return rows.insert(text(body, "schema"), text(body, "table"), strings(body.get("values")));
  }

  private RowStore.Row update(JsonNode body) {
    return rows.update(
        text(body, "schema"),
        text(body, "table"),
        strings(body.get("key")),
        strings(body.get("values")),
        optionalText(body, "version"));
  }

  private Map<String, Object> delete(JsonNode body) {
    rows.delete(
        text(body, "schema"),
        text(body, "table"),
        strings(body.get("key")),
        optionalText(body, "version"));
    return Map.of("deleted", true);
  }

  private static JsonNode readJson(HttpExchange exchange) throws IOException {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type == null || !type.startsWith("application/json")) {
      throw new StudioException(415, "bad_request", "Writes must be sent as application/json");
    }
    InputStream in = exchange.getRequestBody();
    byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      // read the rest (up to 64 MiB more, into nothing) so that the client gets the answer
      // instead of a reset connection
      byte[] sink = new byte[1 << 16];
      long discarded = 0;
      for (int n; discarded < (64 << 20) && (n = in.read(sink)) > 0; ) {
        discarded += n;
      }
      throw tooLarge();
    }
    return parse(
        new String(body, StandardCharsets.UTF_8), new TypeReference<JsonNode>() {}, "body");
  }

  private static StudioException tooLarge() {
    return new StudioException(
        413,
        "too_large",
        "Request body over " + (MAX_BODY_BYTES >> 20) + " MiB: the studio does not take it");
  }

  private static Map<String, String> strings(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      throw new StudioException(400, "bad_request", "Expected an object of column values");
    }
    node.fields()
        .forEachRemaining(
            e -> out.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
    return out;
  }

  private static String text(JsonNode node, String field) {
    String value = optionalText(node, field);
    if (value == null) {
      throw new StudioException(400, "bad_request", "Missing " + field);
    }
    return value;
  }

  private static String optionalText(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static <T> T parse(String raw, TypeReference<T> type, String what) {
    try {
      return JSON.readValue(raw, type);
    } catch (JsonProcessingException e) {
      throw new StudioException(400, "bad_request", "Malformed JSON in " + what);
    }
  }

  private static int parseInt(String raw) {
    try {
      return Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw new StudioException(400, "bad_request", "Not a number: limit=" + raw);
    }
  }

  private static String required(String query, String name) {
    String value = parameter(query, name);
    if (value == null || value.isBlank()) {
      throw new StudioException(400, "bad_request", "Missing parameter " + name);
    }
    return value;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** The first value of {@code name} in a raw query string, decoded; null when absent. */
  static String parameter(String rawQuery, String name) {
    if (rawQuery == null) {
      return null;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      if (key.equals(name)) {
        return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
    send(exchange, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
  }

  /** Sends a whole response with the studio's security headers. */
  static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    var h = exchange.getResponseHeaders();
    h.set("Content-Type", contentType);
    h.set("Cache-Control", "no-store");
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "no-referrer");
    h.set(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
            + " frame-ancestors 'none'");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
