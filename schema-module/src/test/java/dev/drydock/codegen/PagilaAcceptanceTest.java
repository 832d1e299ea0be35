package dev.drydock.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.fixtures.Pagila;
import dev.drydock.migrate.MigrationException;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.provider.ThrowawayDatabase;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pagila (a real pg_dump nobody here wrote) as a migration on PostgreSQL 18: the pull workflow
 * generates code that compiles, and a query through the generated classes runs on a database built
 * from the dump. The full dump needs pgvector, which no reachable registry provides: it fails with
 * a one-line error naming file and line.
 */
class PagilaAcceptanceTest {

  @TempDir Path root;

  @Test
  void fullPagilaFailsOnTheMissingPgvectorExtensionNamingFileAndLine() throws Exception {
    // given: the dump as it is; no reachable registry has pgvector for the embedded server
    Path migrations = Files.createDirectories(root.resolve("full"));
    Files.copy(Pagila.schemaFile(), migrations.resolve("V1__pagila.sql"));

    // when / then
    assertThatThrownBy(
            () ->
                CodeGeneration.configure()
                    .migrations(Migrations.configure().location(migrations).build())
                    .packageName("org.pagila")
                    .outputDirectory(root.resolve("generated"))
                    .provider(Pagila.postgres18())
                    .build()
                    .run())
        .isInstanceOf(MigrationException.class)
        .hasMessage(
            "V1__pagila.sql:489: ERROR: extension \"vector\" is not available (SQLState 0A000)");
    assertThat(root.resolve("generated")).doesNotExist();
  }

  @Test
  void pagilaWithoutPgvectorGeneratesCodeThatCompilesAndQueries() throws Exception {
    // given
    Path migrations = Files.createDirectories(root.resolve("migrations"));
    Files.writeString(migrations.resolve("V1__pagila.sql"), Pagila.withoutPgvector());
    Path output = root.resolve("generated");
    ProviderSettings embedded = Pagila.postgres18();

    // when
    GenerationResult result =
        CodeGeneration.configure()
            .migrations(Migrations.configure().location(migrations).build())
            .packageName("org.pagila")
            .outputDirectory(output)
            .provider(embedded)
            .build()
            .run();

    // then: tables (incl. partitions), the enum, the non-ASCII domain's users, routines
    assertThat(result.upToDate()).isFalse();
    assertThat(output.resolve("org/pagila/tables/Actor.java")).isRegularFile();
    assertThat(output.resolve("org/pagila/tables/Payment.java")).isRegularFile();
    assertThat(output.resolve("org/pagila/tables/PaymentP2022_01.java")).isRegularFile();
    assertThat(output.resolve("org/pagila/enums/MpaaRating.java")).isRegularFile();
    assertThat(output.resolve("org/pagila/tables/FilmEmbedding.java")).doesNotExist();
    // and it compiles
    Path classes = Files.createDirectories(root.resolve("classes"));
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-proc:none", "-nowarn"));
    args.add("-classpath");
    args.add(System.getProperty("java.class.path"));
    try (Stream<Path> sources = Files.walk(output)) {
      sources.filter(p -> p.toString().endsWith(".java")).map(Path::toString).forEach(args::add);
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    int exit =
        javac.run(
            null,
            new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
            new java.io.PrintStream(
                new java.io.OutputStream() {
                  @Override
                  public void write(int b) {
                    diagnostics.write(b);
                  }
                }),
            args.toArray(String[]::new));
    assertThat(exit).as("javac on the generated sources: %s", diagnostics).isZero();

    // and a query through the generated classes runs on a database built from the dump
    try (ThrowawayDatabase db = ThrowawayDatabase.start(embedded);
        URLClassLoader loader =
            new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      Migrations.configure().location(migrations).build().migrate(db.dataSource());
      Table<?> actor = (Table<?>) loader.loadClass("org.pagila.Tables").getField("ACTOR").get(null);
      try (Connection c = db.connect()) {
        c.createStatement()
            .execute(
                "insert into public.actor (first_name, last_name) values ('PENELOPE', 'GUINESS')");
        int count =
            DSL.using(c, SQLDialect.POSTGRES)
                .fetchCount(actor, actor.field("first_name", String.class).eq("PENELOPE"));
        assertThat(count).isEqualTo(1);
      }
    }
  }
}
