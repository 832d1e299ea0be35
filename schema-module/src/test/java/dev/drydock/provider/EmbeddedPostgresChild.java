package dev.drydock.provider;

/**
 * Runs in a separate JVM for {@link EmbeddedPostgresCleanupTest}: starts an embedded server, prints
 * {@code READY <postmaster pid> <work dir>} and waits to be signalled.
 */
public final class EmbeddedPostgresChild {
  private EmbeddedPostgresChild() {}

  /** Optional argument: a cache directory (an empty one makes start-up long: extract, initdb). */
  public static void main(String[] args) throws Exception {
    ProviderSettings.Builder settings = ProviderSettings.configure().kind(ProviderKind.EMBEDDED);
    if (args.length > 0) {
      settings.cacheDirectory(java.nio.file.Path.of(args[0]));
    }
    System.out.println("STARTING");
    System.out.flush();
    EmbeddedPostgres db = EmbeddedPostgres.start(settings.build());
    System.out.println("READY " + db.pid() + " " + db.workDirectory());
    System.out.flush();
    Thread.sleep(120_000);
    db.close();
  }
}
