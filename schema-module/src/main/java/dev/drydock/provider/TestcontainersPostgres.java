package dev.drydock.provider;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** A PostgreSQL container started through Testcontainers; stopped and removed on close. */
final class TestcontainersPostgres implements ThrowawayDatabase {

  private final PostgreSQLContainer<?> container;
  private final AtomicBoolean closed = new AtomicBoolean();

  private TestcontainersPostgres(PostgreSQLContainer<?> container) {
    this.container = container;
  }

  static TestcontainersPostgres start(ProviderSettings settings) {
    PostgreSQLContainer<?> container =
        new PostgreSQLContainer<>(
            DockerImageName.parse(settings.containerImage()).asCompatibleSubstituteFor("postgres"));
    container.withDatabaseName("drydock").withUsername("postgres").withPassword("drydock");
    StringBuilder command = new StringBuilder("postgres -c fsync=off");
    for (Map.Entry<String, String> p : settings.serverParameters().entrySet()) {
      command.append(" -c ").append(p.getKey()).append('=').append(p.getValue());
    }
    container.withCommand(command.toString());
    container.withStartupTimeout(settings.startupTimeout());
    try {
      container.start();
    } catch (RuntimeException e) {
      container.stop();
      throw new ProviderException("Testcontainers could not start " + settings.containerImage(), e);
    }
    return new TestcontainersPostgres(container);
  }

  @Override
  public ProviderKind kind() {
    return ProviderKind.TESTCONTAINERS;
  }

  @Override
  public String description() {
    return "Testcontainers "
        + container.getDockerImageName()
        + " on "
        + container.getHost()
        + ":"
        + container.getMappedPort(5432);
  }

  @Override
  public String jdbcUrl() {
    return jdbcUrl(container.getDatabaseName());
  }

  @Override
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://"
        + container.getHost()
        + ":"
        + container.getMappedPort(5432)
        + "/"
        + database;
  }

  @Override
  public String databaseName() {
    return container.getDatabaseName();
  }

  @Override
  public String user() {
    return container.getUsername();
  }

  @Override
  public String password() {
    return container.getPassword();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      container.stop();
    }
  }
}
