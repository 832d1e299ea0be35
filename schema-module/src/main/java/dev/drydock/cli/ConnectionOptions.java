package dev.drydock.cli;

import dev.drydock.provider.Redaction;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.Driver;
import picocli.CommandLine.Option;

/** How to reach the live database: options first, then the usual environment variables. */
final class ConnectionOptions {

  @Option(
      names = "--url",
      paramLabel = "URL",
      description =
          "Live database: jdbc:postgresql://host:port/db or postgres://user@host:port/db."
              + " Default: $DATABASE_URL, else built from $PGHOST, $PGPORT, $PGDATABASE.")
  String url;

  @Option(
      names = "--user",
      paramLabel = "NAME",
      description = "Database user. Default: the URL's user, else $PGUSER, else the OS user.")
  String user;

  @Option(
      names = "--password-env",
      paramLabel = "VAR",
      description =
          "Name of the environment variable holding the password (never pass passwords as"
              + " arguments). Default: the URL's password, else $PGPASSWORD.")
  String passwordEnv;

  /** Resolved, validated connection settings; {@code displayUrl} never contains a password. */
  record Resolved(String jdbcUrl, String user, String password, String displayUrl) {}

  Resolved resolve(Map<String, String> env, Secrets secrets) {
    secrets.add(env.get("PGPASSWORD"));
    if (passwordEnv != null) {
      secrets.add(env.get(passwordEnv));
    }
    String raw = url;
    if (raw == null || raw.isBlank()) {
      raw = env.get("DATABASE_URL");
    }
    if ((raw == null || raw.isBlank())
        && (env.containsKey("PGHOST") || env.containsKey("PGDATABASE"))) {
      raw =
          "jdbc:postgresql://"
              + env.getOrDefault("PGHOST", "localhost")
              + ":"
              + env.getOrDefault("PGPORT", "5432")
              + "/"
              + env.getOrDefault("PGDATABASE", env.getOrDefault("PGUSER", "postgres"));
    }
    if (raw == null || raw.isBlank()) {
      throw new CliException(
          ExitCodes.USAGE_OR_CONNECTION,
          "No database given: use --url, or set DATABASE_URL (or PGHOST/PGDATABASE)");
    }
    Parsed parsed = parse(raw, secrets);
    String jdbcUrl = parsed.jdbcUrl();
    String urlUser = parsed.user();
    String urlPassword = parsed.password();
    String queryPassword = queryParameter(jdbcUrl, "password");
    secrets.add(queryPassword);
    String resolvedUser =
        firstNonBlank(
            user,
            urlUser,
            queryParameter(jdbcUrl, "user"),
            env.get("PGUSER"),
            System.getProperty("user.name"));
    String password;
    if (passwordEnv != null) {
      password = env.get(passwordEnv);
      if (password == null) {
        throw new CliException(
            ExitCodes.USAGE_OR_CONNECTION,
            "Environment variable " + passwordEnv + " (named by --password-env) is not set");
      }
    } else {
      // a password of spaces is a password: only a missing or empty one falls through
      password = firstNonEmpty(urlPassword, queryPassword, env.get("PGPASSWORD"));
    }
    secrets.add(password);
    return new Resolved(jdbcUrl, resolvedUser, password, display(jdbcUrl));
  }

  /** A URL as given, made a pgjdbc URL; user and password are those in a postgres:// URL. */
  record Parsed(String jdbcUrl, String user, String password) {}

  /**
   * {@code jdbc:postgresql://...} as is, {@code postgres://user:pw@host:port/db} translated; any
   * other URL, or one the PostgreSQL driver cannot parse, is a usage error with one line that never
   * shows the password.
   */
  static Parsed parse(String raw, Secrets secrets) {
    raw = raw.strip();
    secrets.addFromUrl(raw);
    String jdbcUrl;
    String urlUser = null;
    String urlPassword = null;
    if (raw.startsWith("postgres://") || raw.startsWith("postgresql://")) {
      Optional<UserInfo> userInfo = UserInfo.of(raw);
      if (userInfo.isPresent() && !userInfo.get().wellFormed()) {
        throw new CliException(
            ExitCodes.USAGE_OR_CONNECTION,
            "Not a valid PostgreSQL URL: "
                + secrets.redact(Redaction.unparsedUrl(raw))
                + " (percent-encode special characters of the user name and password, e.g. @ as"
                + " %40, or give the password with --password-env)");
      }
      URI uri;
      try {
        uri = new URI(UserInfo.remove(raw));
      } catch (URISyntaxException e) {
        throw notValid(raw, secrets);
      }
      String host = uri.getHost();
      String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
      if (host == null && uri.getRawAuthority() != null) {
        // java.net.URI has no host for names it finds invalid, e.g. docker's my_db
        Matcher authority = AUTHORITY.matcher(uri.getRawAuthority());
        if (!authority.matches()) {
          throw notValid(raw, secrets);
        }
        host = authority.group(1);
        port = authority.group(2) == null ? "" : ":" + authority.group(2);
      }
      if (userInfo.isPresent()) {
        urlUser = userInfo.get().decodedUser();
        urlPassword = userInfo.get().password();
      }
      host = host == null ? "localhost" : host;
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      jdbcUrl =
          "jdbc:postgresql://"
              + host
              + port
              + path
              + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    } else if (raw.startsWith("jdbc:postgresql:")) {
      jdbcUrl = raw;
      int query = raw.indexOf('?');
      if (UserInfo.of(query < 0 ? raw : raw.substring(0, query)).isPresent()) {
        throw new CliException(
            ExitCodes.USAGE_OR_CONNECTION,
            "Not a valid PostgreSQL URL: "
                + secrets.redact(Redaction.unparsedUrl(raw))
                + " (a jdbc:postgresql URL takes no user name and password before the host;"
                + " use --user and --password-env, or a postgres:// URL)");
      }
    } else {
      throw new CliException(
          ExitCodes.USAGE_OR_CONNECTION,
          "Not a PostgreSQL URL: " + secrets.redact(Redaction.unparsedUrl(raw)) + " " + EXPECTED);
    }
    secrets.add(queryParameter(jdbcUrl, "password"));
    secrets.add(rawQueryParameter(jdbcUrl, "password"));
    if (Driver.parseURL(jdbcUrl, null) == null) {
      throw notValid(raw, secrets);
    }
    return new Parsed(jdbcUrl, urlUser, urlPassword);
  }

  private static final Pattern AUTHORITY = Pattern.compile("^([^:@/?\\[\\]]+)(?::(\\d+))?$");

  private static final String EXPECTED =
      "(expected jdbc:postgresql://host:port/db or postgres://host:port/db)";

  private static CliException notValid(String raw, Secrets secrets) {
    return new CliException(
        ExitCodes.USAGE_OR_CONNECTION,
        "Not a valid PostgreSQL URL: "
            + secrets.redact(Redaction.unparsedUrl(raw))
            + " "
            + EXPECTED);
  }

  /**
   * The URL without credentials, for messages and reports: formed without them (a pgjdbc URL here
   * has no user-info, see {@link #parse}; its {@code user} and every {@code *password} parameter
   * are left out), so it is printed as is, never masked after the fact (masking a password such as
   * {@code postgres} would also mask the database name).
   */
  static String display(String jdbcUrl) {
    int q = jdbcUrl.indexOf('?');
    if (q < 0) {
      return jdbcUrl;
    }
    StringBuilder kept = new StringBuilder();
    for (String pair : jdbcUrl.substring(q + 1).split("&")) {
      String key = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
      String lower = key.toLowerCase(java.util.Locale.ROOT);
      if (!lower.equals("user") && !lower.contains("password") && !pair.isEmpty()) {
        kept.append(kept.length() == 0 ? "?" : "&").append(pair);
      }
    }
    return jdbcUrl.substring(0, q) + kept;
  }

  private static String queryParameter(String url, String name) {
    String raw = rawQueryParameter(url, name);
    return raw == null ? null : decode(raw);
  }

  private static String rawQueryParameter(String url, String name) {
    int q = url.indexOf('?');
    if (q < 0) {
      return null;
    }
    for (String pair : url.substring(q + 1).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equalsIgnoreCase(name)) {
        return pair.substring(eq + 1);
      }
    }
    return null;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String firstNonEmpty(String... values) {
    for (String v : values) {
      if (v != null && !v.isEmpty()) {
        return v;
      }
    }
    return null;
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }
}
