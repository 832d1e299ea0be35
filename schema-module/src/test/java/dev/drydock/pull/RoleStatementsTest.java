package dev.drydock.pull;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.introspect.IdentifierQuoting;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Role names read from the catalog's lists and written back quoted and guarded. */
class RoleStatementsTest {

  @Test
  void givenPrivilegesWithQuotedGrantees_whenRead_thenTheNamesAreTheRoles() {
    assertThat(
            RoleStatements.identifierList(
                "crud:SELECT, \"Read, Only\":SELECT WITH GRANT OPTION, \"a\"\"b\":UPDATE, PUBLIC:SELECT",
                true))
        .containsExactly("crud", "Read, Only", "a\"b", "PUBLIC");
    assertThat(RoleStatements.identifierList("app, \"Report Users\"", false))
        .containsExactly("app", "Report Users");
  }

  @Test
  void givenARoleNeedingQuotes_whenScripted_thenTheNameIsQuotedAndTheLiteralEscaped() {
    String sql =
        RoleStatements.script(
            new TreeSet<>(java.util.List.of("O'Hara Team")), IdentifierQuoting.ALWAYS);

    assertThat(sql)
        .contains("WHERE rolname = 'O''Hara Team') THEN\n")
        .contains("    CREATE ROLE \"O'Hara Team\" NOLOGIN;\n");
  }
}
