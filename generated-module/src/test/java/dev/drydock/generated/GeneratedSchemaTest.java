package dev.drydock.generated;

import static dev.drydock.generated.Tables.ACCOUNTS;
import static dev.drydock.generated.Tables.POSTS;
import static dev.drydock.generated.Tables.POST_TAGS;
import static dev.drydock.generated.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.generated.enums.Status;
import dev.drydock.generated.json.PostMetadata;
import dev.drydock.generated.tables.records.UsersRecord;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.UUID;
import org.jooq.Index;
import org.jooq.JSONB;
import org.jooq.SortOrder;
import org.jooq.UniqueKey;
import org.junit.jupiter.api.Test;

/** The classes drydock:generate produced from ../migrations have the types the schema implies. */
class GeneratedSchemaTest {

  @Test
  void lockVersionIsAnIntegerAndJooqsRecordVersionField() {
    assertThat(USERS.LOCK_VERSION.getType()).isEqualTo(Integer.class);
    assertThat(USERS.getRecordVersion()).isEqualTo(USERS.LOCK_VERSION);
    assertThat(POSTS.getRecordVersion()).isEqualTo(POSTS.LOCK_VERSION);
    assertThat(ACCOUNTS.getRecordVersion()).isEqualTo(ACCOUNTS.LOCK_VERSION);
  }

  @Test
  void statusIsAJavaEnumWithTheThreeValuesInOrder() {
    assertThat(Status.class.isEnum()).isTrue();
    assertThat(Arrays.stream(Status.values()).map(Status::getLiteral))
        .containsExactly("pending", "active", "archived");
    assertThat(POSTS.STATUS.getType()).isEqualTo(Status.class);
  }

  @Test
  void jsonbTimestamptzAndUuidColumnsHaveTheirJavaTypes() {
    assertThat(POSTS.METADATA.getType()).isEqualTo(PostMetadata.class);
    assertThat(POSTS.METADATA.getConverter().fromType()).isEqualTo(JSONB.class);
    assertThat(USERS.CREATED_AT.getType()).isEqualTo(OffsetDateTime.class);
    assertThat(ACCOUNTS.ID.getType()).isEqualTo(UUID.class);
    assertThat(ACCOUNTS.getPrimaryKey().getFields()).containsExactly(ACCOUNTS.ID);
  }

  @Test
  void postTagsHasATwoColumnPrimaryKey() {
    assertThat(POST_TAGS.getPrimaryKey().getFields())
        .containsExactly(POST_TAGS.POST_ID, POST_TAGS.TAG_ID);
    assertThat(POST_TAGS.getReferences())
        .extracting(fk -> fk.getKey().getTable().getName())
        .containsExactlyInAnyOrder("posts", "tags");
  }

  @Test
  void namedUniqueConstraintAndIndexAreGenerated() {
    UniqueKey<UsersRecord> uniqueEmail = Keys.UNIQUE_EMAIL;
    assertThat(uniqueEmail.getName()).isEqualTo("unique_email");
    assertThat(uniqueEmail.getFields()).extracting(f -> f.getName()).containsExactly("email");
    assertThat(USERS.getUniqueKeys()).contains(uniqueEmail);

    Index nameIdx = Indexes.NAME_IDX;
    assertThat(nameIdx.getName()).isEqualTo("name_idx");
    assertThat(nameIdx.getUnique()).isFalse();
    assertThat(nameIdx.getFields()).hasSize(1);
    assertThat(nameIdx.getFields().get(0).getName()).isEqualTo("name");
    assertThat(nameIdx.getFields().get(0).getOrder()).isIn(SortOrder.ASC, SortOrder.DEFAULT);
    assertThat(USERS.getIndexes()).contains(nameIdx);
  }

  @Test
  void flywayHistoryTableIsNotGenerated() {
    assertThat(Public.PUBLIC.getTables())
        .extracting(t -> t.getName())
        .containsExactlyInAnyOrder("users", "posts", "tags", "post_tags", "accounts");
  }
}
