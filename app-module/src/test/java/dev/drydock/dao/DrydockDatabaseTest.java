package dev.drydock.dao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.dao.error.ConflictException;
import dev.drydock.dao.error.TranslatingExecuteListener;
import dev.drydock.dao.sample.UserRepository;
import dev.drydock.dao.testing.PostgresExtension;
import dev.drydock.dao.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Configuration;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.SQLDialect;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class DrydockDatabaseTest {

  private final TestDatabase db;

  DrydockDatabaseTest(TestDatabase db) {
    this.db = db;
  }

  @Test
  void buildRequiresADataSource() {
    assertThatThrownBy(() -> DrydockDatabase.configure().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("dataSource is required");
    assertThatThrownBy(() -> DrydockDatabase.configure().queryTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void settingsEnableOptimisticLockingAndReturningAll() {
    var settings = DrydockDatabase.using(db.dataSource()).dsl().settings();
    assertThat(settings.isExecuteWithOptimisticLocking()).isTrue();
    assertThat(settings.isUpdateRecordVersion()).isTrue();
    assertThat(settings.isReturnAllOnUpdatableRecord()).isTrue();
    assertThat(settings.isExecuteLogging()).isFalse();
    assertThat(settings.getQueryTimeout()).isZero();
    assertThat(
            DrydockDatabase.configure()
                .dataSource(db.dataSource())
                .queryTimeout(Duration.ofMillis(1500))
                .build()
                .dsl()
                .settings()
                .getQueryTimeout())
        .isEqualTo(1);
  }

  @Test
  void applicationListenersSeeTheTranslatedException() {
    // given
    List<RuntimeException> seen = new ArrayList<>();
    ExecuteListener spy =
        new ExecuteListener() {
          @Override
          public void exception(ExecuteContext ctx) {
            seen.add(ctx.exception());
          }
        };
    DrydockDatabase drydock =
        DrydockDatabase.configure().dataSource(db.dataSource()).executeListener(spy).build();
    new UserRepository(drydock).create("Ada", "listener@x");
    // when
    assertThatThrownBy(() -> new UserRepository(drydock).create("Ada", "listener@x"))
        .isInstanceOf(ConflictException.class);
    // then
    assertThat(seen).singleElement().isInstanceOf(ConflictException.class);
  }

  @Test
  void givenAnApplicationsConfiguration_whenBuiltOnIt_thenItsProvidersAndListenersAreKept() {
    // given: an application's jOOQ configuration with a listener of its own
    List<RuntimeException> seen = new ArrayList<>();
    ExecuteListener spy =
        new ExecuteListener() {
          @Override
          public void exception(ExecuteContext ctx) {
            seen.add(ctx.exception());
          }
        };
    Configuration base =
        new DefaultConfiguration()
            .set(db.dataSource())
            .set(SQLDialect.POSTGRES)
            .set(
                new DefaultExecuteListenerProvider(TranslatingExecuteListener.INSTANCE),
                new DefaultExecuteListenerProvider(spy));
    // when
    DrydockDatabase drydock = DrydockDatabase.configure().configuration(base).build();
    new UserRepository(drydock).create("Ada", "base@x");
    assertThatThrownBy(() -> new UserRepository(drydock).create("Ada", "base@x"))
        .isInstanceOf(ConflictException.class);
    // then: the translator once and first, the application's listener after it; base unchanged
    assertThat(seen).singleElement().isInstanceOf(ConflictException.class);
    assertThat(drydock.dsl().configuration().executeListenerProviders())
        .extracting(ExecuteListenerProvider::provide)
        .containsExactly(TranslatingExecuteListener.INSTANCE, spy);
    assertThat(drydock.dsl().configuration().connectionProvider())
        .isSameAs(base.connectionProvider());
    assertThat(drydock.dsl().settings().isExecuteWithOptimisticLocking()).isTrue();
    assertThat(base.settings().isExecuteWithOptimisticLocking()).isFalse();
    assertThatThrownBy(
            () ->
                DrydockDatabase.configure().configuration(base).dataSource(db.dataSource()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("dataSource and configuration are alternatives: set only one of them");
  }
}
