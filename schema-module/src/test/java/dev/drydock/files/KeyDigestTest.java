package dev.drydock.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyDigestTest {

  @TempDir Path dir;

  @Test
  void givenTheSameTextSplitDifferently_whenDigested_thenTheKeysDiffer() {
    assertThat(KeyDigest.start().text("ab").text("c").hex())
        .isNotEqualTo(KeyDigest.start().text("a").text("bc").hex());
    assertThat(KeyDigest.start().sized(bytes("ab")).sized(bytes("c")).hex())
        .isNotEqualTo(KeyDigest.start().sized(bytes("a")).sized(bytes("bc")).hex());
  }

  @Test
  void givenTheSameParts_whenDigestedTwice_thenTheKeyIsTheSameAndItsPrefixIsTheShortForm() {
    String full = KeyDigest.start().text("settings=x").sized(bytes("sql")).hex();

    assertThat(KeyDigest.start().text("settings=x").sized(bytes("sql")).hex()).isEqualTo(full);
    assertThat(full).hasSize(64).matches("[0-9a-f]+");
    assertThat(KeyDigest.start().text("settings=x").sized(bytes("sql")).hex(32))
        .isEqualTo(full.substring(0, 32));
  }

  @Test
  void givenFiles_whenOneByteOrOneNameChanges_thenTheKeyChanges() throws Exception {
    Path a = Files.writeString(dir.resolve("V1__a.sql"), "CREATE TABLE a ();");
    String before = KeyDigest.start().namedFiles(List.of(a)).hex();

    Files.writeString(a, "CREATE TABLE a ( );");
    String edited = KeyDigest.start().namedFiles(List.of(a)).hex();
    Path renamed = Files.move(a, dir.resolve("V1__b.sql"));
    String moved = KeyDigest.start().namedFiles(List.of(renamed)).hex();

    assertThat(edited).isNotEqualTo(before);
    assertThat(moved).isNotEqualTo(edited);
    assertThat(KeyDigest.start().content(renamed).hex())
        .isEqualTo(KeyDigest.start().bytes(bytes("CREATE TABLE a ( );")).hex());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
