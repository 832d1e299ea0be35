package dev.drydock.generated.json;

import static dev.drydock.generated.Tables.POSTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jooq.Converter;
import org.jooq.JSONB;
import org.jooq.exception.DataTypeException;
import org.junit.jupiter.api.Test;

/** The converter jOOQ's generator put on posts.metadata: Jackson, strict, failures named. */
class JsonbConverterTest {

  record Item(String name) {}

  record Order(List<Item> items) {}

  private final JsonbConverter<PostMetadata> converter =
      new JsonbConverter<>(PostMetadata.class, "posts.metadata");

  @Test
  void givenTheGeneratedColumnThenItReadsThroughAJsonbConverterForPostsMetadata() {
    @SuppressWarnings("unchecked")
    Converter<JSONB, PostMetadata> generated =
        (Converter<JSONB, PostMetadata>) POSTS.METADATA.getConverter();
    assertThat(generated.from(JSONB.valueOf("{\"key\": \"k\"}"))).isEqualTo(new PostMetadata("k"));
    assertThatThrownBy(() -> generated.from(JSONB.valueOf("[1]")))
        .isInstanceOf(DataTypeException.class)
        .hasMessageStartingWith("posts.metadata: stored jsonb does not map to PostMetadata at $: ");
  }

  @Test
  void givenARecordWhenWrittenAndReadThenItComesBackEqual() {
    JSONB written = converter.to(new PostMetadata("k1"));

    assertThat(written).isEqualTo(JSONB.valueOf("{\"key\":\"k1\"}"));
    assertThat(converter.from(JSONB.valueOf("{\"key\": \"k1\"}")))
        .isEqualTo(new PostMetadata("k1"));
  }

  @Test
  void givenNullOrAnEmptyDocumentThenNullOrANullKey() {
    assertThat(converter.from(null)).isNull();
    assertThat(converter.to(null)).isNull();
    assertThat(converter.from(JSONB.valueOf("{}"))).isEqualTo(new PostMetadata(null));
  }

  @Test
  void givenAnObjectWhereAStringIsExpectedThenTheFailureNamesColumnAndPath() {
    assertThatThrownBy(() -> converter.from(JSONB.valueOf("{\"key\": {\"nested\": 1}}")))
        .isInstanceOf(DataTypeException.class)
        .hasMessageStartingWith(
            "posts.metadata: stored jsonb does not map to PostMetadata at $.key: Cannot"
                + " deserialize value of type `java.lang.String` from Object value");
  }

  @Test
  void givenAnArrayWhereAnObjectIsExpectedThenTheFailureNamesTheDocument() {
    assertThatThrownBy(() -> converter.from(JSONB.valueOf("[1]")))
        .isInstanceOf(DataTypeException.class)
        .hasMessageStartingWith(
            "posts.metadata: stored jsonb does not map to PostMetadata at $: Cannot deserialize"
                + " value of type `dev.drydock.generated.json.PostMetadata` from Array value");
  }

  @Test
  void givenAPropertyTheRecordLacksThenItFailsRatherThanDroppingIt() {
    assertThatThrownBy(() -> converter.from(JSONB.valueOf("{\"key\": \"k\", \"views\": 3}")))
        .isInstanceOf(DataTypeException.class)
        .hasMessageStartingWith(
            "posts.metadata: stored jsonb does not map to PostMetadata at $.views:"
                + " Unrecognized field \"views\"");
  }

  @Test
  void givenNestedPathsThenTheJsonPathShowsPropertiesAndIndexes() {
    JsonbConverter<Order> orders = new JsonbConverter<>(Order.class, "orders.body");

    assertThatThrownBy(
            () -> orders.from(JSONB.valueOf("{\"items\": [{\"name\": \"a\"}, {\"name\": [2]}]}")))
        .isInstanceOf(DataTypeException.class)
        .hasMessageStartingWith(
            "orders.body: stored jsonb does not map to Order at $.items[1].name: Cannot");
  }

  @Test
  void givenAPropertyNameThatIsNotAnIdentifierThenThePathQuotesIt() {
    assertThatThrownBy(() -> converter.from(JSONB.valueOf("{\"it's a\": 1}")))
        .isInstanceOf(DataTypeException.class)
        .hasMessageStartingWith(
            "posts.metadata: stored jsonb does not map to PostMetadata at $['it\\'s a']:");
  }

  @Test
  void givenNoColumnNameThenConstructionFailsNamingIt() {
    assertThatThrownBy(() -> new JsonbConverter<>(PostMetadata.class, " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("column must be named as table.column, got:  ");
  }
}
