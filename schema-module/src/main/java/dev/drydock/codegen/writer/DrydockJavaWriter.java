package dev.drydock.codegen.writer;

import java.io.File;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.codegen.Files;
import org.jooq.codegen.GeneratorStrategy.Mode;
import org.jooq.codegen.JavaWriter;
import org.jooq.meta.jaxb.GeneratedSerialVersionUID;

/**
 * jOOQ 3.19's {@link JavaWriter} with the same output, two costs of a large schema taken out:
 *
 * <ul>
 *   <li><b>type references are resolved once per file</b>: jOOQ parses every reference it is asked
 *       for with a regular expression and decides on its import, many times for the same type in
 *       one file. The answer for a reference depends only on the writer's state, and that state
 *       only grows in ways that cannot change an answer already given (an import once taken stays
 *       taken, a conflict once found stays found) except through the calls that change the writer's
 *       settings ({@link #refConflicts}, {@link #refImplicit}, {@link #printPackageSpecification},
 *       {@link #addFullyQualifiedTypes}, {@link #ignoreImports}, {@link #samePackageTypes}), each
 *       of which forgets every answer.
 *   <li><b>the names of the other classes of the file's package are handed over as they become
 *       relevant</b>: jOOQ copies every generated class name of the package into each writer (a
 *       thousand names into each of two thousand files) to check, for a referenced type, whether a
 *       class of the same simple name is generated next to it. Only the simple names that occur in
 *       a reference can be asked about; so before each reference is resolved, its names that are in
 *       the package are copied in, and every check sees what it saw with the whole copy.
 * </ul>
 *
 * A {@link DrydockJavaGenerator} creates it when the running jOOQ's writer is the one it is written
 * against ({@link #fitsRunningJooq}); the differential tests (stock jOOQ's bytes) prove it.
 */
final class DrydockJavaWriter extends JavaWriter {

  /**
   * Whether the running jOOQ's {@code JavaWriter} has what this class extends: {@code
   * samePackageTypes} and {@code refImplicit} came with jOOQ 3.19.40 (3.19.39 and earlier 3.19
   * releases, which a project may run Drydock with, lack them: there jOOQ's own writer is used).
   */
  static boolean fitsRunningJooq() {
    return RunningJooq.FITS;
  }

  private static final class RunningJooq {
    static final boolean FITS = check();

    private static boolean check() {
      try {
        JavaWriter.class.getMethod("samePackageTypes", Collection.class);
        JavaWriter.class.getMethod("refImplicit", String.class);
        JavaWriter.class.getConstructor(
            File.class,
            String.class,
            String.class,
            boolean.class,
            Files.class,
            GeneratedSerialVersionUID.class,
            Mode.class);
        return true;
      } catch (NoSuchMethodException | LinkageError e) {
        return false;
      }
    }
  }

  /** Answers of {@code ref(type, keepSegments)}, by {@code keepSegments}, then by type. */
  private final Map<Integer, Map<String, String>> answers = new HashMap<>();

  /** The names given by {@link #samePackageTypes}, not yet handed to jOOQ's writer. */
  private final List<Collection<String>> samePackage = new ArrayList<>();

  private final Set<String> handedOver = new HashSet<>();

  DrydockJavaWriter(
      File file,
      String fullyQualifiedTypes,
      String encoding,
      boolean javadoc,
      Files files,
      GeneratedSerialVersionUID generatedSerialVersionUID,
      Mode mode) {
    super(file, fullyQualifiedTypes, encoding, javadoc, files, generatedSerialVersionUID, mode);
  }

  @Override
  protected List<String> ref(List<String> clazz, int keepSegments) {
    if (clazz == null || keepSegments < 0 || containsNull(clazz)) {
      return super.ref(clazz, keepSegments);
    }
    Map<String, String> known = answers.computeIfAbsent(keepSegments, k -> new HashMap<>());
    List<String> result = new ArrayList<>(clazz.size());
    for (String type : clazz) {
      String answer = known.get(type);
      if (answer == null) {
        handOverNamesIn(type);
        answer = super.ref(List.of(type), keepSegments).get(0);
        known.put(type, answer);
      }
      result.add(answer);
    }
    return result;
  }

  private static boolean containsNull(List<String> types) {
    for (String type : types) {
      if (type == null) {
        return true;
      }
    }
    return false;
  }

  @Override
  public JavaWriter samePackageTypes(Collection<String> types) {
    forget();
    samePackage.add(types);
    return this;
  }

  @Override
  public String refImplicit(String qualifiedType) {
    forget();
    handOverNamesIn(qualifiedType);
    return super.refImplicit(qualifiedType);
  }

  @Override
  public JavaWriter refConflicts(List<String> conflicts) {
    forget();
    return super.refConflicts(conflicts);
  }

  @Override
  public void printPackageSpecification(String packageName) {
    forget();
    super.printPackageSpecification(packageName);
  }

  @Override
  public JavaWriter addFullyQualifiedTypes(String moreTypes) {
    forget();
    return super.addFullyQualifiedTypes(moreTypes);
  }

  @Override
  public void ignoreImports(boolean ignoreImports) {
    forget();
    super.ignoreImports(ignoreImports);
  }

  private void forget() {
    answers.values().forEach(Map::clear);
  }

  /**
   * Hands jOOQ's writer each name of {@code type} that is one of the package's classes: the runs of
   * the characters jOOQ's type pattern allows in a name ({@code [\p{L}\p{N}_$]}), so every simple
   * name jOOQ's checks can take from it.
   */
  private void handOverNamesIn(String type) {
    if (samePackage.isEmpty()) {
      return;
    }
    int start = -1;
    int i = 0;
    while (i <= type.length()) {
      int c = i < type.length() ? type.codePointAt(i) : -1;
      boolean part = c >= 0 && inName(c);
      if (part && start < 0) {
        start = i;
      } else if (!part && start >= 0) {
        handOver(type.substring(start, i));
        start = -1;
      }
      i += c >= 0 ? Character.charCount(c) : 1;
    }
  }

  /** {@code [\p{L}\p{N}_$]}: a letter, a number of any kind, '_' or '$'. */
  private static boolean inName(int c) {
    if (c == '_' || c == '$' || Character.isLetter(c)) {
      return true;
    }
    int type = Character.getType(c);
    return type == Character.DECIMAL_DIGIT_NUMBER
        || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }

  private void handOver(String name) {
    if (handedOver.contains(name)) {
      return;
    }
    for (Collection<String> names : samePackage) {
      if (names.contains(name)) {
        handedOver.add(name);
        super.samePackageTypes(List.of(name));
        return;
      }
    }
  }
}
