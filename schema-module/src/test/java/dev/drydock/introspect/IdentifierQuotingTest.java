package dev.drydock.introspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.testing.SharedPostgres;
import dev.drydock.testing.SharedPostgres.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedPostgres.class)
class IdentifierQuotingTest {

  private static final List<String> NAMES =
      List.of(
          "users",
          "_private2",
          "Users",
          "order",
          "user",
          "between",
          "int",
          "name",
          "text",
          "select",
          "a b",
          "say \"hi\"",
          "1st",
          "price$",
          "é",
          "");

  @Test
  void namesAreQuotedExactlyAsTheServersQuoteIdentQuotesThem(TestServer server) throws Exception {
    try (Connection c = server.connect(server.server().databaseName())) {
      // given: the server's keywords, as the introspector reads them
      Set<String> keywords = new HashSet<>();
      try (Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery("SELECT word FROM pg_get_keywords() WHERE catcode <> 'U'")) {
        while (rs.next()) {
          keywords.add(rs.getString(1));
        }
      }
      IdentifierQuoting quoting = new IdentifierQuoting(keywords, false);
      // when
      List<String> ours = new ArrayList<>();
      List<String> servers = new ArrayList<>();
      try (PreparedStatement ps =
          c.prepareStatement("SELECT quote_ident(?), format('%I.%I', ?, ?)")) {
        for (String name : NAMES) {
          ps.setString(1, name);
          ps.setString(2, name);
          ps.setString(3, "t");
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            servers.add(rs.getString(1) + " " + rs.getString(2));
          }
          ours.add(quoting.quote(name) + " " + quoting.qualified(name, "t"));
        }
      }
      // then
      assertThat(ours).containsExactlyElementsOf(servers);
      assertThat(quoting.quote("order")).isEqualTo("\"order\"");
      assertThat(quoting.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    }
  }

  @Test
  void quoteAllIdentifiersQuotesEvenPlainNames() {
    assertThat(new IdentifierQuoting(Set.of(), true).qualified("public", "users"))
        .isEqualTo("\"public\".\"users\"");
  }
}
