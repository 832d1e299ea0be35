package dev.drydock.cli;

import java.io.PrintWriter;
import java.io.Writer;
import picocli.CommandLine;

/**
 * A writer that holds what a command prints until it is flushed and passes it on through {@link
 * Secrets#redact}, so no command can print a password it knows of, whatever it prints: the last
 * net, since passwords are kept out of output where it is formed. Output that cannot hold a secret
 * (SQL, the JSON of a schema) is printed unchanged with {@link #printVerbatim}.
 */
final class RedactingWriter extends Writer {
  private final PrintWriter target;
  private final Secrets secrets;
  private final StringBuilder pending = new StringBuilder();

  private RedactingWriter(PrintWriter target, Secrets secrets) {
    this.target = target;
    this.secrets = secrets;
  }

  /** Runs the parsed command with stdout and stderr redacted, restoring the writers after. */
  static int around(CommandLine cli, Secrets secrets, CommandLine.ParseResult parsed) {
    PrintWriter out = cli.getOut();
    PrintWriter err = cli.getErr();
    PrintWriter redactedOut = new Printer(new RedactingWriter(out, secrets));
    PrintWriter redactedErr = new PrintWriter(new RedactingWriter(err, secrets), true);
    cli.setOut(redactedOut);
    cli.setErr(redactedErr);
    try {
      return new CommandLine.RunLast().execute(parsed);
    } finally {
      redactedOut.flush();
      redactedErr.flush();
      cli.setOut(out);
      cli.setErr(err);
    }
  }

  /**
   * Prints output that cannot hold a secret unchanged: the SQL or JSON of a schema, whose only URL
   * was formed without its password. Masking it would corrupt it (a password {@code public} would
   * turn {@code public.users} into {@code ****.users}); what was printed before is passed through
   * the filter first, so the order is kept.
   */
  static void printVerbatim(PrintWriter out, String text) {
    if (out instanceof Printer printer) {
      printer.verbatim(text);
    } else {
      out.print(text);
      out.flush();
    }
  }

  private void verbatim(String text) {
    synchronized (lock) {
      flush();
      target.print(text);
      target.flush();
    }
  }

  /** The writer commands see: redacting, with a way around the filter for secret-free output. */
  private static final class Printer extends PrintWriter {
    private final RedactingWriter writer;

    Printer(RedactingWriter writer) {
      super(writer, true);
      this.writer = writer;
    }

    void verbatim(String text) {
      flush();
      writer.verbatim(text);
    }
  }

  @Override
  public void write(char[] chars, int offset, int length) {
    synchronized (lock) {
      pending.append(chars, offset, length);
    }
  }

  @Override
  public void flush() {
    synchronized (lock) {
      if (!pending.isEmpty()) {
        target.print(secrets.redact(pending.toString()));
        pending.setLength(0);
      }
      target.flush();
    }
  }

  @Override
  public void close() {
    flush();
  }
}
