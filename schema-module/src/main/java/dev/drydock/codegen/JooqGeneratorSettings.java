package dev.drydock.codegen;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Target;

/**
 * A project's own jOOQ {@code <generator>} settings, as jooq-codegen-maven takes them: {@code
 * <database>} (forced types, includes, excludes, record version and timestamp fields, embeddables,
 * ...), {@code <generate>} flags, {@code <strategy>} and the generator's {@code <name>}. Drydock
 * merges them with what it sets itself: the connection, the PostgreSQL dialect, the exclusion of
 * Flyway's history table and the target (directory and package), which they may not contradict.
 */
public final class JooqGeneratorSettings {

  private static final JooqGeneratorSettings NONE = new JooqGeneratorSettings(null);
  private static final String POSTGRES = "org.jooq.meta.postgres.PostgresDatabase";

  /**
   * Drydock's default {@code <database><name>}: jOOQ's PostgreSQL meta with the same output, faster
   * on large schemas. A project naming jOOQ's own {@code PostgresDatabase} gets jOOQ's own.
   */
  static final String DRYDOCK = "dev.drydock.codegen.meta.DrydockPostgresDatabase";

  /**
   * The {@code <generator><name>} jOOQ reads when none is given ({@code DefaultGenerator}, its
   * {@code JavaGenerator}): not the project's choice, so Drydock's writer, which writes the same
   * bytes, stays.
   */
  static final String JOOQ_DEFAULT_GENERATOR = "org.jooq.codegen.DefaultGenerator";

  private static final Pattern ROOT =
      Pattern.compile("<(?![?!])(?:[A-Za-z_][\\w.-]*:)?([A-Za-z_][\\w.-]*)");

  private final Generator generator;

  private JooqGeneratorSettings(Generator generator) {
    this.generator = generator;
  }

  /** No settings of the project's own: Drydock's defaults. */
  public static JooqGeneratorSettings none() {
    return NONE;
  }

  /** The goal's {@code <generator>} parameter (null: none). */
  public static JooqGeneratorSettings of(Generator generator) {
    return generator == null ? NONE : new JooqGeneratorSettings(generator);
  }

  /**
   * A jOOQ XML file with a {@code <configuration>} or a {@code <generator>} root, read as jOOQ's
   * {@code GenerationTool} reads it. A {@code <jdbc>} element is refused: Drydock connects.
   */
  public static JooqGeneratorSettings load(Path file) {
    String xml;
    try {
      xml = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CodegenException(
          "Cannot read the jOOQ configuration " + file + ": " + CodeGeneration.describe(e), e);
    }
    String body = xml.replaceFirst("^\\s*<\\?xml[^>]*\\?>", "");
    Matcher root = ROOT.matcher(body);
    if (!root.find()
        || !(root.group(1).equals("configuration") || root.group(1).equals("generator"))) {
      throw new CodegenException(
          "Not a jOOQ configuration: "
              + file
              + " (expected a <configuration> or <generator> root element)",
          null);
    }
    if (root.group(1).equals("generator")) {
      body = "<configuration>" + body + "</configuration>";
    }
    Configuration configuration;
    try {
      configuration =
          GenerationTool.load(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      throw new CodegenException(
          "Cannot read the jOOQ configuration " + file + ": " + e.getMessage(), e);
    }
    if (configuration.getJdbc() != null) {
      throw new CodegenException(
          "The jOOQ configuration "
              + file
              + " has a <jdbc> element: remove it, Drydock generates from its own throwaway"
              + " database",
          null);
    }
    return of(configuration.getGenerator());
  }

  /**
   * Fails when these settings conflict with what Drydock sets: checked before anything starts. Only
   * a {@code <target>} can conflict (see {@link #mergeInto}); checked without copying the settings,
   * so the up-to-date path loads none of jOOQ's code generator.
   */
  void requireMergeable(String packageName) {
    if (generator == null) {
      return; // Drydock's own settings: nothing to conflict (and no jOOQ class loaded)
    }
    requireCompatibleTarget(new Target().withPackageName(packageName));
  }

  /** Everything about these settings that changes the generated code, for the fingerprint. */
  String describe() {
    return generator == null ? "none" : generator.toString();
  }

  /**
   * Drydock's generator with these settings merged in: theirs where given, Drydock's connection,
   * dialect, history-table exclusion and target always.
   */
  Generator mergeInto(Generator drydock, String historyExclusion) {
    if (generator == null) {
      return drydock;
    }
    requireCompatibleTarget(drydock.getTarget());
    Generator mine = copy(generator);
    Database ours = drydock.getDatabase();
    Database theirs = mine.getDatabase();
    if (theirs != null) {
      if (theirs.getName() == null || theirs.getName().isBlank()) {
        theirs.setName(ours.getName());
      } else if (!theirs.getName().equals(POSTGRES) && !theirs.getName().equals(DRYDOCK)) {
        throw new CodegenException(
            "The jOOQ <database><name> "
                + theirs.getName()
                + " conflicts with Drydock's PostgreSQL: remove it",
            null);
      }
      if (theirs.getIncludes() == null || theirs.getIncludes().isBlank()) {
        theirs.setIncludes(ours.getIncludes());
      }
      String excludes = theirs.getExcludes();
      theirs.setExcludes(
          excludes == null || excludes.isBlank()
              ? ours.getExcludes()
              : historyExclusion + "|" + excludes);
      if (theirs.getRecordVersionFields() == null || theirs.getRecordVersionFields().isBlank()) {
        theirs.setRecordVersionFields(ours.getRecordVersionFields());
      }
      if (theirs.getRecordTimestampFields() == null
          || theirs.getRecordTimestampFields().isBlank()) {
        theirs.setRecordTimestampFields(ours.getRecordTimestampFields());
      }
      if (theirs.getSchemata().isEmpty()
          && (theirs.getInputSchema() == null || theirs.getInputSchema().isEmpty())) {
        theirs.setSchemata(ours.getSchemata());
      }
      drydock.setDatabase(theirs);
    }
    if (mine.getGenerate() != null) {
      drydock.setGenerate(mine.getGenerate());
    }
    if (mine.getStrategy() != null) {
      drydock.setStrategy(mine.getStrategy());
    }
    if (mine.getName() != null
        && !mine.getName().isBlank()
        && !mine.getName().equals(JOOQ_DEFAULT_GENERATOR)) {
      drydock.setName(mine.getName());
    }
    return drydock;
  }

  /**
   * A deep copy, so that merging (and jOOQ, which adds to the {@code <database>} it is given) never
   * changes the settings (nor their fingerprint). By Java serialization, which every jOOQ settings
   * class supports: the XML round trip it replaces (the settings written as XML and read back with
   * {@code GenerationTool.load}) loaded and ran an XML parser with jOOQ's schema in every
   * generating run's fresh JVM (0.9-1.4 s of the run at load 10, against 0.07-0.27 s now), and lost
   * {@code <regexFlags>}. {@code JooqGeneratorCopyTest} holds the copy equal to the settings, and
   * to the XML round trip but for those flags, on randomized settings.
   */
  static Generator copy(Generator generator) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(generator);
      }
      try (ObjectInputStream in =
          new SettingsInput(new ByteArrayInputStream(bytes.toByteArray()))) {
        return (Generator) in.readObject();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("jOOQ's settings classes are not loadable: " + e, e);
    }
  }

  /** Reads jOOQ's settings classes from the loader that has them (a Maven plugin's realm). */
  private static final class SettingsInput extends ObjectInputStream {
    SettingsInput(InputStream in) throws IOException {
      super(in);
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc)
        throws IOException, ClassNotFoundException {
      try {
        return Class.forName(desc.getName(), false, Generator.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        return super.resolveClass(desc);
      }
    }
  }

  /** A {@code <target>} may only restate what Drydock sets (or jOOQ's defaults). */
  private void requireCompatibleTarget(Target ours) {
    Target theirs = generator.getTarget();
    if (theirs == null) {
      return;
    }
    String pkg = theirs.getPackageName();
    if (pkg != null
        && !pkg.equals(GenerationTool.DEFAULT_TARGET_PACKAGENAME)
        && !pkg.equals(ours.getPackageName())) {
      throw new CodegenException(
          "The jOOQ <target><packageName> "
              + pkg
              + " conflicts with Drydock's package "
              + ours.getPackageName()
              + ": remove the <target> element, Drydock sets the target",
          null);
    }
    String dir = theirs.getDirectory();
    if (dir != null && !dir.equals(GenerationTool.DEFAULT_TARGET_DIRECTORY)) {
      throw new CodegenException(
          "The jOOQ <target><directory> "
              + dir
              + " conflicts with Drydock's output directory: remove the <target> element,"
              + " Drydock sets the target",
          null);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JooqGeneratorSettings other && Objects.equals(generator, other.generator);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(generator);
  }
}
