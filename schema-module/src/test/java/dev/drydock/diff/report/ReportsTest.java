package dev.drydock.diff.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.diff.ChangeKind;
import dev.drydock.diff.DiffResult;
import dev.drydock.diff.Difference;
import dev.drydock.introspect.Attribute;
import dev.drydock.introspect.Catalog;
import dev.drydock.introspect.ObjectId;
import dev.drydock.introspect.ObjectKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportsTest {

  private static DiffResult result(Difference... diffs) {
    Catalog empty = new Catalog(List.of("public"), List.of());
    return new DiffResult(List.of(diffs), empty, empty);
  }

  @Test
  void jsonEscapesQuotesBackslashesAndControlCharacters() {
    assertThat(Json.string("a\"b\\c\nd\te\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001\"");
    assertThat(Json.string(null)).isEqualTo("null");
  }

  @Test
  void textShortensLongValuesAroundTheFirstDifference() {
    String common = "x".repeat(200);
    Difference d =
        new Difference(
            ObjectId.of(ObjectKind.VIEW, "public", "v"),
            ChangeKind.CHANGED,
            Attribute.DEFINITION,
            common + "AAA",
            common + "BBB");

    String text = TextRenderer.render(result(d), "m", "l", List.of());

    assertThat(text).contains("…" + "x".repeat(40) + "AAA, actual …" + "x".repeat(40) + "BBB");
  }

  @Test
  void textGroupsByKindInDependencyOrderAndListsWhatIsNotCompared() {
    String text =
        TextRenderer.render(
            result(
                new Difference(
                    ObjectId.of(ObjectKind.TABLE, "public", "t"),
                    ChangeKind.ADDED,
                    null,
                    null,
                    "TABLE"),
                new Difference(
                    ObjectId.of(ObjectKind.SCHEMA, "s"), ChangeKind.REMOVED, null, "SCHEMA", null)),
            "m",
            "l",
            List.of("owners", "roles"));

    assertThat(text)
        .isEqualTo(
            "Drift: 2 differences between m (expected) and l (actual) [1 added, 1 removed, 0"
                + " changed]\n"
                + "  + only in the live database   - missing from the live database   ~ differs\n"
                + "\n"
                + "Schemas\n"
                + "  - s  removed: SCHEMA\n"
                + "\n"
                + "Tables\n"
                + "  + public.t  added: TABLE\n"
                + "\n"
                + "Not compared: owners; roles.\n");
  }

  @Test
  void jsonNamesTheChangedAttributeByItsKey() {
    String json =
        JsonRenderer.render(
            result(
                new Difference(
                    ObjectId.of(ObjectKind.CONSTRAINT, "public", "t", "t_fk"),
                    ChangeKind.CHANGED,
                    Attribute.ON_DELETE,
                    "CASCADE",
                    "SET NULL")),
            "m",
            "l",
            NotCompared.ITEMS);

    assertThat(json)
        .contains(
            "{\"objectKind\": \"constraint\", \"object\": \"public.t.t_fk\", \"path\":"
                + " [\"public\", \"t\", \"t_fk\"], \"change\": \"changed\", \"attribute\":"
                + " \"on_delete\", \"expected\": \"CASCADE\", \"actual\": \"SET NULL\"}")
        .contains("\"notCompared\": [\"object owners\", ");
  }
}
