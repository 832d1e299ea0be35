package dev.drydock.provider;

/** A run that creates a temporary database on {@code args[0]} as {@code args[1]} and waits. */
public final class ExternalServerChild {
  private ExternalServerChild() {}

  public static void main(String[] args) throws Exception {
    ThrowawayDatabase db =
        ThrowawayDatabase.start(
            ProviderSettings.configure()
                .kind(ProviderKind.EXTERNAL)
                .serverUrl(args[0])
                .user(args[1])
                .build());
    System.out.println("created " + db.databaseName());
    System.out.flush();
    Thread.sleep(120_000);
  }
}
