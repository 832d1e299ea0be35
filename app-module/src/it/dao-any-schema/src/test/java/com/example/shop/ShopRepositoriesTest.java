package com.example.shop;

import static com.example.shop.db.Tables.CUSTOMERS;
import static com.example.shop.db.Tables.ORDERS;
import static com.example.shop.db.Tables.ORDER_LINES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.shop.db.Keys;
import com.example.shop.db.enums.OrderStatus;
import com.example.shop.db.tables.records.CustomersRecord;
import com.example.shop.db.tables.records.OrderLinesRecord;
import com.example.shop.db.tables.records.OrdersRecord;
import dev.drydock.dao.DrydockDatabase;
import dev.drydock.dao.TableRepository;
import dev.drydock.dao.error.ConflictException;
import dev.drydock.dao.error.InvalidInputException;
import dev.drydock.dao.error.NotFoundException;
import dev.drydock.dao.error.StaleVersionException;
import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.provider.ThrowawayDatabase;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jooq.JSONB;
import org.jooq.Record2;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generic repositories of drydock-dao on this project's own schema, on a real PostgreSQL. */
class ShopRepositoriesTest {

  private static ThrowawayDatabase server;
  private static DrydockDatabase db;
  private static TableRepository<CustomersRecord, UUID> customers;
  private static TableRepository<OrdersRecord, Long> orders;
  private static TableRepository<OrderLinesRecord, Record2<Long, Integer>> lines;

  @BeforeAll
  static void start() {
    server =
        ThrowawayDatabase.start(ProviderSettings.configure().kind(ProviderKind.EMBEDDED).build());
    Flyway.configure().dataSource(server.dataSource()).load().migrate();
    db = DrydockDatabase.configure().dataSource(server.dataSource()).build();
    customers = db.repository(CUSTOMERS);
    orders = db.repository(ORDERS);
    lines = db.repository(ORDER_LINES);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static CustomersRecord customer(String email) {
    return customers.create(new CustomersRecord().setEmail(email).setName("Ada"));
  }

  @Test
  void createReturnsTheFullRowAndFindsItByIdAndByUniqueKey() {
    CustomersRecord ada =
        customers.create(
            new CustomersRecord()
                .setEmail("ada@example.com")
                .setName("Ada")
                .setProfile(JSONB.valueOf("{\"tier\": \"gold\"}")));
    assertNotNull(ada.getId());
    assertNotNull(ada.getCreatedAt());
    assertEquals(0, ada.getLockVersion());
    assertNull(ada.getUpdatedAt());
    assertEquals(ada, customers.findById(ada.getId()).orElseThrow());
    assertEquals(ada, customers.findBy(CUSTOMERS.EMAIL, "ada@example.com").orElseThrow());
    assertEquals(
        JSONB.valueOf("{\"tier\": \"gold\"}"),
        customers.findById(ada.getId()).orElseThrow().getProfile());
    assertTrue(customers.findById(UUID.randomUUID()).isEmpty());
  }

  @Test
  void updateIsOptimisticAndTouchesUpdatedAt() {
    CustomersRecord read = customer("update@example.com");
    CustomersRecord updated = customers.update(customers.findById(read.getId()).get().setName("B"));
    assertEquals("B", updated.getName());
    assertEquals(1, updated.getLockVersion());
    assertNotNull(updated.getUpdatedAt());
    // the record still at version 0 is stale
    StaleVersionException stale =
        assertThrows(StaleVersionException.class, () -> customers.update(read.setName("C")));
    assertEquals(0, stale.expectedVersion());
    assertEquals(1, stale.actualVersion().getAsLong());
    assertEquals("B", customers.findById(read.getId()).orElseThrow().getName());
  }

  @Test
  void identityKeyEnumAndBigintVersion() {
    CustomersRecord buyer = customer("identity@example.com");
    OrdersRecord order =
        orders.create(new OrdersRecord().setCustomerId(buyer.getId()).setTotalCents(1200L));
    assertNotNull(order.getId());
    assertEquals(OrderStatus.paid, orders.update(order.setStatus(OrderStatus.paid)).getStatus());
    OrdersRecord shipped =
        orders.update(orders.findById(order.getId()).orElseThrow().setStatus(OrderStatus.shipped));
    assertEquals(2L, shipped.getLockVersion());
    assertEquals(
        List.of(shipped), orders.findAllBy(Keys.ORDERS__ORDERS_CUSTOMER_ID_FKEY, buyer.getId()));
  }

  @Test
  void compositeKeyAndParentWithChildrenInOneQuery() {
    CustomersRecord buyer = customer("lines@example.com");
    OrdersRecord order =
        orders.create(new OrdersRecord().setCustomerId(buyer.getId()).setTotalCents(300L));
    List<OrderLinesRecord> created =
        lines.createMany(
            List.of(
                new OrderLinesRecord().setOrderId(order.getId()).setLineNo(1).setSku("a").setQuantity(1),
                new OrderLinesRecord().setOrderId(order.getId()).setLineNo(2).setSku("b").setQuantity(2)));
    Record2<Long, Integer> key =
        db.dsl().newRecord(ORDER_LINES.ORDER_ID, ORDER_LINES.LINE_NO).values(order.getId(), 2);
    assertEquals(created.get(1), lines.findById(key).orElseThrow());
    var withLines =
        orders
            .findWithChildren(order.getId(), Keys.ORDER_LINES__ORDER_LINES_ORDER_ID_FKEY)
            .orElseThrow();
    assertEquals(created, withLines.children());
    lines.deleteById(key);
    assertFalse(lines.exists(key));
  }

  @Test
  void duplicateKeyIsAConflict() {
    customer("dup@example.com");
    ConflictException e = assertThrows(ConflictException.class, () -> customer("dup@example.com"));
    assertEquals("23505", e.sqlState().orElseThrow());
    assertEquals("customers_email_key", e.constraint().orElseThrow());
  }

  @Test
  void missingReferenceOnInsertIsNotFound() {
    NotFoundException e =
        assertThrows(
            NotFoundException.class,
            () ->
                orders.create(
                    new OrdersRecord().setCustomerId(UUID.randomUUID()).setTotalCents(1L)));
    assertEquals("23503", e.sqlState().orElseThrow());
  }

  @Test
  void checkViolationIsInvalidInput() {
    CustomersRecord buyer = customer("check@example.com");
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> orders.create(new OrdersRecord().setCustomerId(buyer.getId()).setTotalCents(-1L)));
    assertEquals("23514", e.sqlState().orElseThrow());
    assertEquals("orders_total_non_negative", e.constraint().orElseThrow());
  }

  @Test
  void deleteOfAReferencedRowIsAConflictAndDeletesNothing() {
    CustomersRecord buyer = customer("referenced@example.com");
    orders.create(new OrdersRecord().setCustomerId(buyer.getId()).setTotalCents(5L));
    ConflictException e = assertThrows(ConflictException.class, () -> customers.delete(buyer));
    assertEquals("23503", e.sqlState().orElseThrow());
    assertTrue(customers.exists(buyer.getId()));
  }

  @Test
  void deleteChecksTheVersion() {
    CustomersRecord read = customer("delete@example.com");
    CustomersRecord newer = customers.update(customers.findById(read.getId()).get().setName("N"));
    assertThrows(StaleVersionException.class, () -> customers.delete(read));
    customers.delete(newer);
    assertThrows(NotFoundException.class, () -> customers.deleteById(read.getId()));
  }

  @Test
  void badInputFailsBeforeAnythingIsSent() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> customers.findById(null));
    assertEquals("findById of customers: the id (id) is null", e.getMessage());
  }
}
