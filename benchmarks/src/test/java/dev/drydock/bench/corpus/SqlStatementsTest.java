package dev.drydock.bench.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqlStatementsTest {

  @Test
  void
      givenSemicolonsInsideDollarQuotesStringsIdentifiersAndComments_whenSplit_thenOnlyTheEndingOnesSplit() {
    String script =
        """
        -- a comment; not a statement end
        CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END; $$;
        CREATE FUNCTION g() RETURNS text LANGUAGE plpgsql AS $fn$
        BEGIN RETURN 'a;b' || $$;$$; END;
        $fn$;
        INSERT INTO "odd;name" VALUES ('it''s; fine', E'back\\'slash;');
        /* block; /* nested; */ still comment; */ SELECT $1::int;
        """;

    assertThat(SqlStatements.split(script))
        .containsExactly(
            "-- a comment; not a statement end\n"
                + "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END; $$;",
            "CREATE FUNCTION g() RETURNS text LANGUAGE plpgsql AS $fn$\n"
                + "BEGIN RETURN 'a;b' || $$;$$; END;\n$fn$;",
            "INSERT INTO \"odd;name\" VALUES ('it''s; fine', E'back\\'slash;');",
            "/* block; /* nested; */ still comment; */ SELECT $1::int;");
  }

  @Test
  void givenTrailingCommentsAndEmptyStatements_whenSplit_thenTheyAreDropped() {
    assertThat(SqlStatements.split("SELECT 1;;\n  ;\n-- the end\n/* really */\n"))
        .containsExactly("SELECT 1;");
  }

  @Test
  void givenALastStatementWithoutSemicolon_whenSplit_thenItIsKept() {
    assertThat(SqlStatements.split("SELECT 1; SELECT 2")).containsExactly("SELECT 1;", "SELECT 2");
  }

  @Test
  void givenAnUnterminatedDollarQuote_whenSplit_thenTheErrorNamesTheTag() {
    assertThatThrownBy(() -> SqlStatements.split("SELECT 1; DO $body$ BEGIN"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unterminated dollar quote $body$ at offset 13");
  }

  @Test
  void givenADollarInsideAnIdentifierOrAParameter_whenSplit_thenItOpensNoQuote() {
    assertThat(SqlStatements.split("SELECT a$b$c, $1 FROM t; SELECT 2;"))
        .containsExactly("SELECT a$b$c, $1 FROM t;", "SELECT 2;");
  }
}
