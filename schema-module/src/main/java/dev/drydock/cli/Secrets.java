package dev.drydock.cli;

import dev.drydock.diff.report.Json;
import dev.drydock.provider.Redaction;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The passwords this run knows about: the last net, since output is formed without them. Every line
 * a command prints passes through {@link #redact}, except output that cannot hold a secret (SQL,
 * the JSON of a schema: {@link RedactingWriter#printVerbatim}), which masking would corrupt. Every
 * occurrence of a password, also as it appears inside a JSON string, is masked; the mask is made of
 * a character no password holds, so masking never spells a password again.
 */
final class Secrets {
  private static final String MASK_CANDIDATES = "*•#~";
  private static final int MASK_LENGTH = 4;

  private final Set<String> passwords = new LinkedHashSet<>();

  void add(String password) {
    if (password != null && !password.isEmpty()) {
      passwords.add(password);
      String inJson = Json.string(password);
      passwords.add(inJson.substring(1, inJson.length() - 1));
    }
  }

  /** Registers the password of a URL's user-info (as written and percent-decoded), if any. */
  void addFromUrl(String url) {
    if (url != null) {
      UserInfo.of(url.strip())
          .ifPresent(
              info -> {
                add(info.rawPassword());
                add(info.password());
              });
    }
  }

  String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = Redaction.url(text);
    if (passwords.isEmpty()) {
      return out;
    }
    boolean[] masked = new boolean[out.length()];
    boolean any = false;
    for (String p : passwords) {
      for (int at = out.indexOf(p); at >= 0; at = out.indexOf(p, at + 1)) {
        java.util.Arrays.fill(masked, at, at + p.length(), true);
        any = true;
      }
    }
    if (!any) {
      return out;
    }
    String mask = String.valueOf(maskCharacter()).repeat(MASK_LENGTH);
    StringBuilder sb = new StringBuilder(out.length());
    for (int i = 0; i < out.length(); i++) {
      if (!masked[i]) {
        sb.append(out.charAt(i));
      } else if (i == 0 || !masked[i - 1]) {
        sb.append(mask);
      }
    }
    return sb.toString();
  }

  /** {@code *}, unless a password holds it: then the first character none holds. */
  private char maskCharacter() {
    for (char c = 0; ; c++) {
      char candidate =
          c < MASK_CANDIDATES.length() ? MASK_CANDIDATES.charAt(c) : (char) (0x2580 + c);
      if (passwords.stream().noneMatch(p -> p.indexOf(candidate) >= 0)) {
        return candidate;
      }
    }
  }
}
