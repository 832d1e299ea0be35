package dev.drydock.codegen.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.jooq.codegen.JavaWriter;
import org.jooq.meta.jaxb.GeneratedSerialVersionUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DrydockJavaWriter} against jOOQ's own {@link JavaWriter}: the same random sequences of
 * calls (type references of every shape, conflicts, classes of the same package given at the start
 * and later, settings changed midway) return the same references and write the same bytes.
 */
class DrydockJavaWriterTest {

  private static final List<String> NAMES =
      List.of("String", "Long", "Table", "Record", "Override", "List", "A", "Ä1", "T00001", "Map");
  private static final List<String> PACKAGES =
      List.of("java.lang", "java.util", "org.x", "org.y", "pkg", "pkg.sub", "pkg.Table");
  private static final List<Class<?>> CLASSES =
      List.of(Override.class, String.class, List.class, Deprecated.class, java.util.Map.class);

  @TempDir Path root;

  /** jOOQ's writer, its protected {@code ref(types, keepSegments)} callable. */
  static final class Stock extends JavaWriter {
    Stock(File file, GeneratedSerialVersionUID serial) {
      super(file, null, "UTF-8", true, null, serial, null);
    }

    List<String> refKeeping(List<String> types, int keepSegments) {
      return ref(types, keepSegments);
    }
  }

  @Test
  void randomCallSequencesGiveTheSameReferencesAndBytesAsJooqsWriter() throws Exception {
    for (int seed = 1; seed <= 300; seed++) {
      // given: the same calls for both writers
      Random random = new Random(seed);
      String fileName = random.nextBoolean() ? "Table.java" : pick(random, NAMES) + ".java";
      Path stockFile = root.resolve("stock-" + seed + "/pkg/" + fileName);
      Path ourFile = root.resolve("ours-" + seed + "/pkg/" + fileName);
      GeneratedSerialVersionUID serial =
          random.nextInt(3) == 0
              ? GeneratedSerialVersionUID.values()[
                  random.nextInt(GeneratedSerialVersionUID.values().length)]
              : GeneratedSerialVersionUID.CONSTANT;
      Stock stock = new Stock(stockFile.toFile(), serial);
      DrydockJavaWriter ours =
          new DrydockJavaWriter(ourFile.toFile(), null, "UTF-8", true, null, serial, null);
      if (random.nextInt(4) == 0) {
        String newline = List.of("\r\n", "\n", "_").get(random.nextInt(3));
        stock.newlineString(newline);
        ours.newlineString(newline);
      }
      List<String> stockAnswers = new ArrayList<>();
      List<String> ourAnswers = new ArrayList<>();

      // when
      Set<String> samePackage = names(random);
      stock.samePackageTypes(samePackage);
      ours.samePackageTypes(samePackage);
      stock.printPackageSpecification("pkg");
      ours.printPackageSpecification("pkg");
      stock.printImports();
      ours.printImports();
      for (int call = 0; call < 60; call++) {
        int what = random.nextInt(20);
        if (what == 0) {
          List<String> conflicts = new ArrayList<>(names(random));
          stock.refConflicts(conflicts);
          ours.refConflicts(conflicts);
        } else if (what == 1) {
          Set<String> more = names(random);
          stock.samePackageTypes(more);
          ours.samePackageTypes(more);
        } else if (what == 2 && random.nextInt(4) == 0) {
          stock.addFullyQualifiedTypes("org\\.y\\..*");
          ours.addFullyQualifiedTypes("org\\.y\\..*");
        } else if (what == 3) {
          Class<?> type = CLASSES.get(random.nextInt(CLASSES.size()));
          stock.println("@%s", type);
          ours.println("@%s", type);
        } else if (what == 5 && random.nextInt(3) == 0) {
          stock.printSerial();
          ours.printSerial();
          stock.println("%s", "__SERIAL_" + "STATEMENT__ in text");
          ours.println("%s", "__SERIAL_" + "STATEMENT__ in text");
        } else if (what == 4) {
          String implicit = "scala." + pick(random, NAMES);
          stockAnswers.add(stock.refImplicit(implicit));
          ourAnswers.add(ours.refImplicit(implicit));
        } else {
          String type = type(random);
          // as jOOQ asks: never to keep more segments than the name has
          int segments = type.replaceAll("[<\\[].*", "").split("\\.").length;
          int keep = 1 + random.nextInt(Math.min(3, segments));
          String a = stock.refKeeping(List.of(type), keep).get(0);
          String b = ours.ref(List.of(type), keep).get(0);
          stockAnswers.add(a);
          ourAnswers.add(b);
          stock.println("%s x;", a);
          ours.println("%s x;", b);
        }
      }
      stock.close();
      ours.close();

      // then
      assertThat(ourAnswers).as("seed %d", seed).isEqualTo(stockAnswers);
      assertThat(Files.readString(ourFile))
          .as("seed %d", seed)
          .isEqualTo(Files.readString(stockFile));
    }
  }

  @Test
  void theJooqOnTheClassPathHasTheWriterItExtends() {
    // given: jOOQ 3.19.40, the version Drydock is built with; when/then: its writer is extended
    assertThat(DrydockJavaWriter.fitsRunningJooq()).isTrue();
  }

  @Test
  void aReferenceAskedAgainAfterANewConflictIsResolvedAgain() {
    // given: String imported, then declared a conflict
    DrydockJavaWriter ours =
        new DrydockJavaWriter(
            root.resolve("pkg/A.java").toFile(),
            null,
            "UTF-8",
            true,
            null,
            GeneratedSerialVersionUID.CONSTANT,
            null);
    ours.printPackageSpecification("pkg");
    String before = ours.ref("org.x.Thing");

    // when
    ours.refConflicts(List.of("Thing"));
    String other = ours.ref("org.y.Thing");

    // then: the second Thing stays qualified, the first stays imported
    assertThat(before).isEqualTo("Thing");
    assertThat(other).isEqualTo("org.y.Thing");
    assertThat(ours.ref("org.x.Thing")).isEqualTo("org.x.Thing");
  }

  private static String type(Random random) {
    String plain = pick(random, PACKAGES) + "." + pick(random, NAMES);
    return switch (random.nextInt(8)) {
      case 0 -> plain + "<" + pick(random, PACKAGES) + "." + pick(random, NAMES) + ">";
      case 1 ->
          plain
              + "<"
              + pick(random, PACKAGES)
              + "."
              + pick(random, NAMES)
              + ", "
              + pick(random, PACKAGES)
              + "."
              + pick(random, NAMES)
              + ">";
      case 2 -> plain + "[]";
      case 3 -> plain + "." + pick(random, NAMES).toUpperCase() + ".COLUMN";
      case 4 -> random.nextBoolean() ? "int" : pick(random, NAMES);
      default -> plain;
    };
  }

  private static Set<String> names(Random random) {
    Set<String> names = new HashSet<>();
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      names.add(pick(random, NAMES));
    }
    return names;
  }

  private static String pick(Random random, List<String> from) {
    return from.get(random.nextInt(from.size()));
  }
}
