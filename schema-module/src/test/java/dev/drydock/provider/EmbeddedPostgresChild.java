package dev.drydock.provider;

/**
 * Runs in a separate JVM for {@link EmbeddedPostgresCleanupTest}: starts an embedded server, prints
 * {@code READY <postmaster pid> <work dir>} and waits to be signalled.
 */
public final class EmbeddedPostgresChild {
  private EmbeddedPostgresChild() {}

  public static void main(String[] args) throws Exception {
    EmbeddedPostgres db =
        EmbeddedPostgres.start(ProviderSettings.builder().kind(ProviderKind.EMBEDDED).build());
    System.out.println("READY " + db.pid() + " " + db.workDirectory());
    System.out.flush();
    Thread.sleep(120_000);
    db.close();
  }
}
