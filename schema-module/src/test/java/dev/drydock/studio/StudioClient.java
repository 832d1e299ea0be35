package dev.drydock.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The JDK's HTTP client against a studio, with its token as a Bearer header; records responses. */
final class StudioClient {
  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final String token;
  final List<String> seen = new ArrayList<>();

  record Reply(int status, String body, Map<String, List<String>> headers) {
    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  /** Anonymous when {@code token} is null. */
  StudioClient(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  static String query(Map<String, String> parameters) {
    StringBuilder sb = new StringBuilder();
    parameters.forEach(
        (k, v) ->
            sb.append(sb.length() == 0 ? "" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return sb.toString();
  }

  Reply get(String pathAndQuery) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET());
  }

  Reply post(String path, Object body) throws IOException, InterruptedException {
    return postRaw(path, JSON.writeValueAsString(body));
  }

  Reply postRaw(String path, String body) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> r =
        http.send(
            request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    seen.add(r.headers().map() + "\n" + r.body());
    return new Reply(r.statusCode(), r.body(), r.headers().map());
  }
}
