package dev.drydock.cli;

import java.io.PrintWriter;
import java.io.Writer;
import picocli.CommandLine;

/**
 * A writer that holds what a command prints until it is flushed and passes it on through {@link
 * Secrets#redact}, so no command can print a password it knows of, whatever it prints.
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
    PrintWriter redactedOut = new PrintWriter(new RedactingWriter(out, secrets), true);
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
