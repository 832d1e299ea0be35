package dev.drydock.studio;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The running studio: the JDK's HTTP server on {@link StudioSettings#host()}, the page's static
 * files from the jar, and the JSON API under {@code /api/}, which answers only {@code
 * Authorization: Bearer TOKEN}. No cookie: a browser sends cookies to every port of a host, so a
 * cookie would reach other local servers and be sent along with their pages' requests. The page
 * takes the token from the address's fragment ({@code #token=}, never sent over the network) into
 * its tab's {@code sessionStorage}, which is per origin (scheme, host and port). Every request's
 * {@code Host} and {@code Origin} must name this studio (DNS rebinding is refused).
 */
public final class Studio implements AutoCloseable {

  private static final String RESOURCES = "/dev/drydock/studio/";
  private static final Map<String, String> CONTENT_TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml",
          "txt", "text/plain; charset=utf-8");

  private final HttpServer server;
  private final ExecutorService executor;
  private final ConnectionPool pool;
  private final String token;
  private final String host;
  private final StudioOrigins origins;

  private Studio(
      HttpServer server, ExecutorService executor, ConnectionPool pool, String token, String host) {
    this.host = host;
    this.origins = new StudioOrigins(host, server.getAddress().getPort());
    this.server = server;
    this.executor = executor;
    this.pool = pool;
    this.token = token;
  }

  /**
   * Starts serving {@code schema} of the database at {@code jdbcUrl}.
   *
   * @param connection the JDBC properties (user, password); never sent to the page
   * @param displayUrl the database as the page names it (no password)
   */
  public static Studio start(
      StudioSettings settings,
      String jdbcUrl,
      Properties connection,
      String displayUrl,
      StudioSchema schema,
      DriftReport drift) {
    ConnectionPool pool =
        new ConnectionPool(
            jdbcUrl,
            connection,
            settings.connections(),
            !settings.write(),
            settings.statementTimeout(),
            settings.statementTimeout().plusSeconds(5));
    String token = newToken();
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            settings.connections() + 2,
            r -> {
              Thread t = new Thread(r, "drydock-studio-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    // without TCP_NODELAY the JDK server's separate header and body writes meet the client's
    // delayed ACK: about 40 ms added to every response (read once, when the first server starts)
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 50);
      Studio studio = new Studio(server, executor, pool, token, settings.host());
      Api api = new Api(schema, new RowStore(schema, pool), settings, displayUrl, drift);
      server.createContext("/", studio::handle);
      server.createContext("/api/", exchange -> studio.guarded(exchange, api));
      server.setExecutor(executor);
      server.start();
      return studio;
    } catch (IOException e) {
      pool.close();
      executor.shutdownNow();
      throw new UncheckedIOException(
          "Cannot listen on " + settings.host() + ":" + settings.port() + ": " + e.getMessage(), e);
    }
  }

  /** The address to open, with the token: {@code http://127.0.0.1:PORT/#token=...}. */
  public URI url() {
    return URI.create(base() + "/#token=" + token);
  }

  /** The address without the token: the host as configured, the port as bound. */
  public URI base() {
    int port = server.getAddress().getPort();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
  }

  public String token() {
    return token;
  }

  /** Stops listening, ends open exchanges within a second and closes every database connection. */
  @Override
  public void close() {
    server.stop(1);
    executor.shutdown();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor.shutdownNow();
    pool.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!fromThisOrigin(exchange)) {
        return;
      }
      // the page and its scripts hold no data: they are served to anyone who reaches this origin;
      // the page reads the token from the address's fragment and sends it on every API call
      String path = exchange.getRequestURI().getPath();
      String file = path.equals("/") ? "index.html" : path.substring(1);
      String ext = file.substring(file.lastIndexOf('.') + 1);
      InputStream in =
          file.matches("[a-z][a-z0-9.-]*\\.[a-z]+") && CONTENT_TYPES.containsKey(ext)
              ? Studio.class.getResourceAsStream(RESOURCES + file)
              : null;
      if (in == null || !exchange.getRequestMethod().equals("GET")) {
        Api.send(
            exchange,
            404,
            "text/plain; charset=utf-8",
            "Not found\n".getBytes(StandardCharsets.UTF_8));
        return;
      }
      try (in) {
        Api.send(exchange, 200, CONTENT_TYPES.get(ext), in.readAllBytes());
      }
    }
  }

  private void guarded(HttpExchange exchange, Api api) throws IOException {
    try (exchange) {
      if (!fromThisOrigin(exchange)) {
        return;
      }
      String site = exchange.getRequestHeaders().getFirst("Sec-Fetch-Site");
      if (site != null && !site.equals("same-origin") && !site.equals("none")) {
        forbidden(exchange, "a request from another site (Sec-Fetch-Site: " + site + ")");
        return;
      }
      if (!authorized(exchange)) {
        Api.send(
            exchange,
            401,
            "text/plain; charset=utf-8",
            "401 Unauthorized: open the address with the token that `drydock studio` printed\n"
                .getBytes(StandardCharsets.UTF_8));
        return;
      }
      api.handle(exchange);
    }
  }

  /**
   * The request names this studio: its {@code Host} is this server's port on a loopback name, an IP
   * address or the configured host (a rebound DNS name is refused), and its {@code Origin}, when
   * sent, is that same address. Else 403 is sent and false returned.
   */
  private boolean fromThisOrigin(HttpExchange exchange) throws IOException {
    String hostHeader = exchange.getRequestHeaders().getFirst("Host");
    if (!origins.allowsHost(hostHeader)) {
      forbidden(exchange, "Host " + hostHeader + " is not this studio's address");
      return false;
    }
    String origin = exchange.getRequestHeaders().getFirst("Origin");
    if (origin != null && !origin.equalsIgnoreCase("http://" + hostHeader)) {
      forbidden(exchange, "a request from another origin (" + origin + ")");
      return false;
    }
    return true;
  }

  private static void forbidden(HttpExchange exchange, String what) throws IOException {
    // the reason is printable ASCII only: header and body never carry what the client sent raw
    String reason = what.replaceAll("[^\\x20-\\x7e]", "?");
    Api.send(
        exchange,
        403,
        "text/plain; charset=utf-8",
        ("403 Forbidden: " + reason + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private boolean authorized(HttpExchange exchange) {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    return auth != null && auth.startsWith("Bearer ") && matches(auth.substring(7).trim());
  }

  private boolean matches(String given) {
    return MessageDigest.isEqual(
        given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
  }

  private static String newToken() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
