package dev.drydock.cli;

import dev.drydock.provider.Redaction;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The passwords this run knows about; every line a command prints passes through {@link #redact}.
 */
final class Secrets {
  private final Set<String> passwords = new LinkedHashSet<>();

  void add(String password) {
    if (password != null && !password.isEmpty()) {
      passwords.add(password);
    }
  }

  String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = Redaction.url(text);
    for (String p : passwords) {
      out = out.replace(p, "****");
    }
    return out;
  }
}
