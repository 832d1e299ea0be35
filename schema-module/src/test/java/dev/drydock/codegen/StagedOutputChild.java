package dev.drydock.codegen;

import java.nio.file.Files;
import java.nio.file.Path;

/** A run that stages sources beside {@code args[0]} and waits to be killed (SIGKILL: no hook). */
public final class StagedOutputChild {
  private StagedOutputChild() {}

  public static void main(String[] args) throws Exception {
    StagedOutput staged = StagedOutput.beside(Path.of(args[0]), line -> {});
    Files.writeString(staged.directory().resolve("Partial.java"), "class Partial {");
    System.out.println("staged " + staged.directory().getFileName());
    System.out.flush();
    Thread.sleep(120_000);
  }
}
