package dev.drydock.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.cli.Drydock;
import dev.drydock.cli.ExitCodes;
import dev.drydock.testing.ChildProcess;
import dev.drydock.testing.SharedPostgres;
import dev.drydock.testing.SharedPostgres.TestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code drydock studio} as a user runs it: one URL line, the token, Ctrl-C, the host warning. */
@ExtendWith(SharedPostgres.class)
class StudioCommandTest {

  private static final Pattern URL =
      Pattern.compile("(http://[0-9.]+:(\\d+))/#token=([0-9a-f]{48})  \\(Ctrl-C to stop\\)");

  @Test
  void givenANonLoopbackHostAndMigrations_whenStarted_thenItWarnsServesTheDriftAndStopsOnCtrlC(
      TestServer server, @TempDir Path migrations) throws Exception {
    Files.writeString(migrations.resolve("V1__shop.sql"), StudioFixture.SCHEMA);
    try (StudioFixture db = new StudioFixture(server)) {
      db.execute("ALTER TABLE users ADD COLUMN phone text");
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(
          List.of("-cp", System.getProperty("java.class.path"), Drydock.class.getName()));
      command.addAll(
          List.of(
              "studio",
              "--url",
              db.url(),
              "--user",
              db.role,
              "--password-env",
              "STUDIO_PW",
              "--host",
              "0.0.0.0",
              "--migrations",
              migrations.toString()));
      try (ChildProcess child =
          ChildProcess.start(command, Path.of("."), Map.of("STUDIO_PW", StudioFixture.PASSWORD))) {
        child.awaitOutput("(Ctrl-C to stop)", Duration.ofSeconds(120));
        Matcher m = URL.matcher(child.output());
        assertThat(m.find()).as(child.output()).isTrue();
        URI base = URI.create(m.group(1).replace("0.0.0.0", "127.0.0.1"));
        StudioClient anonymous = new StudioClient(base, null);
        StudioClient withToken = new StudioClient(base, m.group(3));

        assertThat(anonymous.get("/api/schema").status()).isEqualTo(401);
        JsonNode drift = withToken.get("/api/drift").json();
        assertThat(withToken.get("/api/schema").json().get("drift").asBoolean())
            .as(drift.toString())
            .isTrue();
        assertThat(drift.get("drift").asBoolean()).isTrue();
        assertThat(drift.get("expected").asText()).isEqualTo("migrations in " + migrations);
        assertThat(drift.get("differences").toString())
            .isEqualTo(
                "[{\"kind\":\"column\",\"object\":\"public.users.phone\",\"change\":\"added\","
                    + "\"attribute\":null,\"expected\":null,\"actual\":\"text\","
                    + "\"schema\":\"public\",\"table\":\"users\"}]");
        assertThat(child.output())
            .contains(
                "drydock: warning: listening on 0.0.0.0, not only on this machine: anyone who gets"
                    + " the token can read the database")
            .contains("Drydock studio for " + db.url() + " (read-only): http://0.0.0.0:")
            .doesNotContain(StudioFixture.PASSWORD);

        child.signal("INT");
        assertThat(child.awaitExit(Duration.ofSeconds(20))).isEqualTo(130);
        int port = Integer.parseInt(m.group(2));
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
            .isInstanceOf(ConnectException.class);
        assertThat(child.output()).doesNotContain("Exception");
      }
    }
  }

  @Test
  void givenABadPort_whenStarted_thenOneUsageLineAndExit2() {
    StringWriter err = new StringWriter();
    CommandLine cli = Drydock.commandLine(new Drydock(Map.of()));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));

    int code = cli.execute("studio", "--url", "jdbc:postgresql://127.0.0.1:1/x", "--port", "70000");

    assertThat(code).isEqualTo(ExitCodes.USAGE_OR_CONNECTION);
    assertThat(err.toString()).isEqualTo("drydock: Port must be 0 to 65535, got 70000\n");
  }
}
