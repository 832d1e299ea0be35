package dev.drydock.studio;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which {@code Host} values name this studio: its own port on {@code localhost}, an IP address or
 * the host it was configured with. A DNS name that an attacker's page rebinds to 127.0.0.1 is none
 * of these, so such a page can never read the studio's answers.
 */
final class StudioOrigins {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-fA-F:.]+\\]");

  private final String configuredHost;
  private final int port;

  StudioOrigins(String configuredHost, int port) {
    this.configuredHost = configuredHost.toLowerCase(Locale.ROOT);
    this.port = port;
  }

  /** True when {@code hostHeader} ({@code name:port}) names this studio. */
  boolean allowsHost(String hostHeader) {
    if (hostHeader == null) {
      return false;
    }
    int colon = hostHeader.lastIndexOf(':');
    if (colon < 0 || hostHeader.endsWith("]")) {
      return false; // the port is always explicit: the studio never listens on 80
    }
    String name = hostHeader.substring(0, colon).toLowerCase(Locale.ROOT);
    if (!hostHeader.substring(colon + 1).equals(Integer.toString(port))) {
      return false;
    }
    return name.equals("localhost")
        || IPV4.matcher(name).matches()
        || IPV6.matcher(name).matches()
        || name.equals(configuredHost)
        || name.equals("[" + configuredHost + "]");
  }
}
