package dev.drydock.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The user-info of a URL: everything between {@code ://} and the URL's <em>last</em> {@code @}, so
 * that a password with unescaped {@code @ : / # ?} is still recognised as one. {@code user} is the
 * part before the first {@code :}, {@code rawPassword} the part after it (null without one).
 */
record UserInfo(String raw, String user, String rawPassword) {

  /** RFC 3986 user-info characters, plus non-ASCII letters as people type them. */
  private static final Pattern WELL_FORMED =
      Pattern.compile("(?:[A-Za-z0-9\\-._~!$&'()*+,;=:]|%[0-9A-Fa-f]{2}|[^\\x00-\\x7F\\s])*");

  /** The user-info of {@code url}, if it has one. */
  static Optional<UserInfo> of(String url) {
    int scheme = url.indexOf("://");
    int at = url.lastIndexOf('@');
    if (scheme < 0 || at < scheme + 3) {
      return Optional.empty();
    }
    String raw = url.substring(scheme + 3, at);
    int colon = raw.indexOf(':');
    return Optional.of(
        new UserInfo(
            raw,
            colon < 0 ? raw : raw.substring(0, colon),
            colon < 0 ? null : raw.substring(colon + 1)));
  }

  /** {@code url} without its user-info, e.g. {@code postgres://host/db}. */
  static String remove(String url) {
    int scheme = url.indexOf("://");
    int at = url.lastIndexOf('@');
    return scheme < 0 || at < scheme + 3
        ? url
        : url.substring(0, scheme + 3) + url.substring(at + 1);
  }

  /** True when special characters in it are percent-encoded, as URLs need them. */
  boolean wellFormed() {
    return WELL_FORMED.matcher(raw).matches();
  }

  String decodedUser() {
    return decode(user);
  }

  /** The password percent-decoded (a {@code +} stays a {@code +}), or null. */
  String password() {
    return rawPassword == null ? null : decode(rawPassword);
  }

  /** Percent-decoding of URI components: {@code %XX} are UTF-8 bytes, everything else literal. */
  static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && isHex(s, i + 1) && isHex(s, i + 2)) {
        bytes.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        int end = Character.isHighSurrogate(c) && i + 1 < s.length() ? i + 2 : i + 1;
        bytes.writeBytes(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end - 1;
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static boolean isHex(String s, int i) {
    return i < s.length() && Character.digit(s.charAt(i), 16) >= 0;
  }
}
