package dev.drydock.bench.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.bench.Corpus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PagilaSplitTest {

  private final String dump = Corpus.pagilaWithoutPgvector();

  @Test
  void givenPagila_whenSplitIntoFortyFive_thenEveryStatementOnceInDumpOrderAfterTheSessionHeader() {
    List<MigrationFile> files = PagilaSplit.split(dump, 45);

    List<String> all = SqlStatements.split(dump);
    List<String> header = all.subList(0, 10);
    assertThat(header).allMatch(s -> s.contains("SET ") || s.contains("set_config"));
    List<String> rejoined = new ArrayList<>();
    for (MigrationFile file : files) {
      List<String> statements = SqlStatements.split(file.sql());
      assertThat(statements.subList(0, 10))
          .as(file.name())
          .containsExactlyElementsOf(
              header.stream().map(s -> s.replaceAll("(?m)^--.*\\n", "").strip()).toList());
      rejoined.addAll(statements.subList(10, statements.size()));
    }
    assertThat(rejoined).containsExactlyElementsOf(all.subList(10, all.size()));
    assertThat(files).hasSize(45);
    assertThat(files.get(0).name()).isEqualTo("V1__alter_schema_public_owner.sql");
  }

  @Test
  void givenAStatement_whenDescribed_thenItsFirstWordsWithoutSchema() {
    assertThat(
            PagilaSplit.describe("--\n-- Name: actor\n--\nCREATE TABLE public.actor (\n id int);"))
        .isEqualTo("create_table_actor");
  }
}
