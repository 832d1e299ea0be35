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
