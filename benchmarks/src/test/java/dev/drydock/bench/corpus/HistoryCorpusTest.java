package dev.drydock.bench.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HistoryCorpusTest {

  private final List<MigrationFile> files = HistoryCorpus.configure().build().files();

  @Test
  void givenTheDefaults_whenGenerated_thenTwoHundredFilesVersionedOneToTwoHundred() {
    assertThat(files).hasSize(200);
    assertThat(files.stream().map(f -> f.name().substring(0, f.name().indexOf("__"))))
        .containsExactlyElementsOf(IntStream.rangeClosed(1, 200).mapToObj(v -> "V" + v).toList());
    assertThat(files).allMatch(f -> f.name().matches("V\\d+__[a-z0-9_]+\\.sql"), "file names");
  }

  @Test
  void givenTheSameSeed_whenGeneratedTwice_thenTheSameFiles() {
    assertThat(HistoryCorpus.configure().seed(15).build().files()).isEqualTo(files);
    assertThat(HistoryCorpus.configure().seed(16).build().files()).isNotEqualTo(files);
  }

  @Test
  void givenTheDefaults_whenGenerated_thenEveryKindOfChangeIsInTheMix() {
    String all = String.join("\n", files.stream().map(MigrationFile::sql).toList());
    assertThat(count(all, "CREATE TABLE ")).isBetween(50, 100);
    assertThat(count(all, "REFERENCES ")).isGreaterThan(40);
    assertThat(count(all, "AS ENUM (")).isGreaterThan(5);
    assertThat(count(all, " ADD VALUE '")).isGreaterThan(5);
    assertThat(count(all, "CREATE INDEX ") + count(all, "CREATE UNIQUE INDEX ")).isGreaterThan(40);
    assertThat(count(all, " ADD COLUMN ")).isGreaterThan(15);
    assertThat(count(all, "LANGUAGE plpgsql")).isGreaterThan(10);
    assertThat(count(all, "CREATE TRIGGER ")).isGreaterThan(10);
    assertThat(count(all, "CREATE VIEW ")).isGreaterThan(5);
  }

  @Test
  void givenAnEnumValueAdded_whenGenerated_thenItIsTheOnlyStatementOfItsMigration() {
    List<MigrationFile> added =
        files.stream().filter(f -> f.sql().contains(" ADD VALUE ")).toList();
    assertThat(added).isNotEmpty();
    assertThat(added).allMatch(f -> SqlStatements.split(f.sql()).size() == 1, "one statement");
  }

  @Test
  void givenTableColumns_whenGenerated_thenEachTableHasSixToTenColumns() {
    for (MigrationFile f : files) {
      for (String statement : SqlStatements.split(f.sql())) {
        if (statement.startsWith("CREATE TABLE ") && !statement.contains("audit_log")) {
          long columns = statement.lines().filter(l -> l.startsWith("  ")).count();
          assertThat(columns).as(f.name()).isBetween(6L, 10L);
        }
      }
    }
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
