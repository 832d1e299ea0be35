package dev.drydock.provider;

import java.util.regex.Pattern;

/** Keeps passwords out of anything a human or a log will see. */
public final class Redaction {
  private static final Pattern URL_PASSWORD = Pattern.compile("(?i)([?&;]password=)[^&;\\s]*");

  private static final Pattern USERINFO = Pattern.compile("(//[^/@:]*:)[^/@]*@");

  private Redaction() {}

  /** The URL with any {@code password=} parameter and {@code user:password@} part masked. */
  public static String url(String url) {
    if (url == null) {
      return null;
    }
    String masked = URL_PASSWORD.matcher(url).replaceAll("$1****");
    return USERINFO.matcher(masked).replaceAll("$1****@");
  }

  /**
   * A URL that could not be parsed, with its whole user-info masked: everything between {@code ://}
   * and the last {@code @}, where an unescaped password may hold any character.
   */
  public static String unparsedUrl(String url) {
    if (url == null) {
      return null;
    }
    int scheme = url.indexOf("://");
    int at = url.lastIndexOf('@');
    if (scheme >= 0 && at >= scheme + 3) {
      return url(url.substring(0, scheme + 3)) + "****" + url(url.substring(at));
    }
    return url(url);
  }

  /** The message with every occurrence of {@code password} masked. */
  public static String message(String message, String password) {
    if (message == null) {
      return null;
    }
    String masked = url(message);
    if (password != null && !password.isEmpty()) {
      masked = masked.replace(password, "****");
    }
    return masked;
  }
}
