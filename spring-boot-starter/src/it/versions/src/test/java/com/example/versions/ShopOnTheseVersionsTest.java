package com.example.versions;

import static com.example.versions.db.Tables.CUSTOMERS;
import static com.example.versions.db.Tables.ORDERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.versions.db.enums.OrderStatus;
import com.example.versions.db.tables.records.CustomersRecord;
import com.example.versions.db.tables.records.OrdersRecord;
import dev.drydock.dao.DrydockDatabase;
import dev.drydock.dao.TableRepository;
import dev.drydock.dao.error.ConflictException;
import dev.drydock.dao.error.StaleVersionException;
import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.provider.ThrowawayDatabase;
import dev.drydock.spring.drift.DriftCheckRunner;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Properties;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service on the Flyway and jOOQ this run names: Boot's Flyway migrates, the starter's drift
 * check applies the same migrations to a throwaway and finds no drift, the starter's
 * DrydockDatabase runs on Boot's jOOQ, its repositories update optimistically and translate errors.
 */
@SpringBootTest(classes = ShopApplication.class)
class ShopOnTheseVersionsTest {

  private static ThrowawayDatabase server;

  @DynamicPropertySource
  static void datasource(DynamicPropertyRegistry registry) {
    server =
        ThrowawayDatabase.start(ProviderSettings.configure().kind(ProviderKind.EMBEDDED).build());
    registry.add("spring.datasource.url", () -> server.jdbcUrl());
    registry.add("spring.datasource.username", server::user);
    registry.add("spring.datasource.password", server::password);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    // one line per run, for verify.groovy to hold against the goal's log of the same run
    Files.writeString(
        Path.of("runs.txt"),
        "flyway=%s jooq=%s java=%s%n"
            .formatted(
                version("org.flywaydb/flyway-core"),
                version("org.jooq/jooq"),
                System.getProperty("java.specification.version")),
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  @Autowired DrydockDatabase db;
  @Autowired DSLContext bootDsl;
  @Autowired Flyway flyway;
  @Autowired DriftCheckRunner driftCheck;

  private static String version(String groupAndArtifact) throws Exception {
    Properties p = new Properties();
    try (InputStream in =
        ShopOnTheseVersionsTest.class
            .getClassLoader()
            .getResourceAsStream("META-INF/maven/" + groupAndArtifact + "/pom.properties")) {
      p.load(in);
    }
    return p.getProperty("version");
  }

  @Test
  void givenTheRunsVersionsThenTheApplicationRunsOnThem() throws Exception {
    assertEquals(System.getProperty("expected.flyway.version"), version("org.flywaydb/flyway-core"));
    assertEquals(System.getProperty("expected.jooq.version"), version("org.jooq/jooq"));
  }

  @Test
  void givenBootsFlywayThenTheMigrationIsApplied() {
    assertEquals(1, flyway.info().applied().length);
    assertEquals("1", flyway.info().current().getVersion().getVersion());
  }

  @Test
  void givenTheStarterDriftCheckThenItRanOnTheseVersionsAndFoundNoDrift() {
    assertTrue(driftCheck.failure().isEmpty(), () -> "could not run: " + driftCheck.failure());
    assertFalse(driftCheck.report().orElseThrow().hasDrift());
  }

  @Test
  void givenARowChangedSinceReadWhenUpdatedThenStaleVersionException() {
    TableRepository<CustomersRecord, UUID> customers = db.repository(CUSTOMERS);
    CustomersRecord ada =
        customers.create(new CustomersRecord().setEmail("ada@example.com").setName("Ada"));
    CustomersRecord stale = customers.findById(ada.getId()).orElseThrow();

    CustomersRecord renamed = customers.update(ada.setName("Ada L."));

    assertEquals(1, renamed.getLockVersion());
    StaleVersionException e =
        assertThrows(StaleVersionException.class, () -> customers.update(stale.setName("Ada B.")));
    assertEquals(0, e.expectedVersion());
  }

  @Test
  void givenADuplicateKeyOnBootsDslContextThenDrydocksConflictException() {
    TableRepository<CustomersRecord, UUID> customers = db.repository(CUSTOMERS);
    customers.create(new CustomersRecord().setEmail("dup@example.com").setName("Dup"));

    ConflictException e =
        assertThrows(
            ConflictException.class,
            () ->
                bootDsl
                    .insertInto(CUSTOMERS, CUSTOMERS.EMAIL, CUSTOMERS.NAME)
                    .values("dup@example.com", "Dup 2")
                    .execute());

    assertEquals("23505", e.sqlState().orElseThrow());
    assertEquals("customers_email_key", e.constraint().orElseThrow());
  }

  @Test
  void givenAnIdentityKeyAndAnEnumThenTheRepositoryCreatesAndFindsTheRow() {
    CustomersRecord bob =
        db.repository(CUSTOMERS)
            .create(new CustomersRecord().setEmail("bob@example.com").setName("Bob"));
    TableRepository<OrdersRecord, Long> orders = db.repository(ORDERS);

    OrdersRecord created =
        orders.create(new OrdersRecord().setCustomerId(bob.getId()).setTotalCents(250L));

    assertEquals(OrderStatus.new_, orders.findById(created.getId()).orElseThrow().getStatus());
  }
}
