package dev.drydock.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the sources cannot be written, the error says so and the previous sources stay whole. */
class CodegenOutputFailureTest {

  private static final ProviderSettings EMBEDDED =
      ProviderSettings.configure().kind(ProviderKind.EMBEDDED).build();

  @TempDir Path root;

  private CodeGeneration workflow(Path migrations, Path output) {
    return CodeGeneration.configure()
        .migrations(Migrations.configure().location(migrations).build())
        .packageName("com.example.db")
        .outputDirectory(output)
        .provider(EMBEDDED)
        .build();
  }

  @Test
  void outputUnderARegularFileFailsNamingThePath() throws Exception {
    Path migrations = Files.createDirectories(root.resolve("m"));
    Files.writeString(migrations.resolve("V1__a.sql"), "create table a (id int primary key);\n");
    Path blocker = Files.writeString(root.resolve("target"), "not a directory");

    assertThatThrownBy(() -> workflow(migrations, blocker.resolve("generated")).run())
        .isInstanceOf(CodegenException.class)
        .hasMessage(
            "Cannot write generated sources under "
                + blocker
                + ": file already exists: "
                + blocker);
  }

  @Test
  void diskFullDuringGenerationFailsClearlyAndKeepsThePreviousSources() throws Exception {
    // given: a 256 KiB file system holding the previous output of a small schema
    Path disk = Files.createDirectories(root.resolve("disk"));
    assumeTrue(
        run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", disk.toString()),
        "needs root and mount to make a small file system");
    try {
      Path migrations = Files.createDirectories(root.resolve("m"));
      Files.writeString(migrations.resolve("V1__a.sql"), "create table a (id int primary key);\n");
      Path output = disk.resolve("generated");
      workflow(migrations, output).run();
      String before = Files.readString(output.resolve("com/example/db/tables/A.java"));
      // when: a migration whose classes do not fit
      StringBuilder many = new StringBuilder();
      for (int i = 0; i < 20; i++) {
        many.append("create table wide_table_number_").append(i).append(" (id int primary key");
        for (int c = 0; c < 20; c++) {
          many.append(", column_with_a_long_name_").append(c).append(" text");
        }
        many.append(");\n");
      }
      Files.writeString(migrations.resolve("V2__many.sql"), many);

      // then
      assertThatThrownBy(() -> workflow(migrations, output).run())
          .isInstanceOf(CodegenException.class)
          .hasMessage("Cannot write generated sources to " + output + ": No space left on device");
      assertThat(Files.readString(output.resolve("com/example/db/tables/A.java")))
          .isEqualTo(before);
      try (var entries = Files.list(disk)) {
        assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("generated");
      }
    } finally {
      run("umount", disk.toString());
    }
  }

  private static boolean run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
  }
}
