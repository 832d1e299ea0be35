package dev.drydock.draft.hints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JacksonException;
import dev.drydock.diff.sql.DeclaredRename;
import dev.drydock.introspect.ObjectId;
import dev.drydock.introspect.ObjectKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HintsTest {

  @TempDir Path temp;

  private Path file(String toml) throws IOException {
    return Files.writeString(temp.resolve("drydock-hints.toml"), toml);
  }

  @Test
  void renamesAndDropsAreReadAsObjectIds() throws IOException {
    // given
    Path f =
        file(
            "renames = [\"table public.orders_old -> public.orders\",\n"
                + "  \"column public.orders.total -> public.orders.amount\"]\n"
                + "drops = [\"schema legacy\", \"sequence public.s\", \"column public.t.note\"]\n");

    // when
    Hints hints = Hints.read(f);

    // then
    assertThat(hints.renames())
        .containsExactly(
            new DeclaredRename(
                ObjectId.of(ObjectKind.TABLE, "public", "orders_old"),
                ObjectId.of(ObjectKind.TABLE, "public", "orders")),
            new DeclaredRename(
                ObjectId.of(ObjectKind.COLUMN, "public", "orders", "total"),
                ObjectId.of(ObjectKind.COLUMN, "public", "orders", "amount")));
    assertThat(hints.drops())
        .containsExactlyInAnyOrder(
            ObjectId.of(ObjectKind.SCHEMA, "legacy"),
            ObjectId.of(ObjectKind.SEQUENCE, "public", "s"),
            ObjectId.of(ObjectKind.COLUMN, "public", "t", "note"));
  }

  @Test
  void aMissingFileIsNoHints() {
    assertThat(Hints.read(temp.resolve("absent.toml"))).isEqualTo(Hints.none());
  }

  @Test
  void anUnqualifiedColumnIsRefusedNamingTheFileAndTheShape() throws IOException {
    Path f = file("drops = [\"column orders.note\"]\n");
    assertThatThrownBy(() -> Hints.read(f))
        .isInstanceOf(HintsException.class)
        .hasMessage(
            f
                + ": 'column orders.note': a column is named SCHEMA.TABLE.COLUMN, e.g."
                + " public.orders.total");
  }

  @Test
  void anUnknownKeyIsRefused() throws IOException {
    Path f = file("rename = []\n");
    assertThatThrownBy(() -> Hints.read(f))
        .hasMessage(f + ": unknown key 'rename' (the keys are renames and drops)");
  }

  @Test
  void invalidTomlKeepsTheParserErrorAsCause() throws IOException {
    Path f = file("renames = [\"table a.b -> a.c\"\n");
    assertThatThrownBy(() -> Hints.read(f))
        .isInstanceOf(HintsException.class)
        .hasMessageStartingWith(f + ": not valid TOML: ")
        .hasCauseInstanceOf(JacksonException.class);
  }
}
