package dev.drydock.codegen.writer;

import dev.drydock.codegen.ToolVersions;
import java.io.File;
import java.util.Locale;
import org.jooq.codegen.Files;
import org.jooq.codegen.GeneratorStrategy;
import org.jooq.codegen.GeneratorStrategy.Mode;
import org.jooq.codegen.JavaGenerator;
import org.jooq.codegen.JavaWriter;
import org.jooq.meta.Database;

/**
 * jOOQ's {@link JavaGenerator} with the same output, whose naming strategy answers each question
 * once: jOOQ asks the configured {@code GeneratorStrategy} (through its own wrapper, which turns
 * every answer into a Java identifier with regular expressions) for the same class, package and
 * member names of each definition many times per file it writes. {@link MemoizingStrategy}
 * remembers the answers for the length of one {@link #generate} and forgets them whenever a setting
 * of the strategy changes. A user's own {@code <strategy>} is still asked, once per question; a
 * user's own {@code <generator><name>} replaces this class. Its files are written by {@link
 * DrydockJavaWriter}, jOOQ's writer resolving each type reference once per file (jOOQ 3.19.40's
 * writer; on an earlier 3.19 release jOOQ's own). On a jOOQ line other than {@link
 * ToolVersions#EXTENDED_JOOQ_LINE} it is jOOQ's {@code JavaGenerator} as it stands.
 *
 * <p>Named {@code dev.drydock.codegen.writer.DrydockJavaGenerator} in a jOOQ {@code <generator>}.
 */
public class DrydockJavaGenerator extends JavaGenerator {

  /** This class's name, Drydock's default {@code <generator><name>}. */
  public static final String NAME = "dev.drydock.codegen.writer.DrydockJavaGenerator";

  private MemoizingStrategy memoizing;
  private Boolean extendedLine;
  private Database database;
  private GeneratedTypeNames typeNames;
  private final Files files = new Files();

  @Override
  public void generate(Database db) {
    memoizing = null;
    database = db;
    typeNames = null;
    try {
      super.generate(db);
    } finally {
      memoizing = null;
      database = null;
      typeNames = null;
    }
  }

  /** Whether jOOQ is the line Drydock's extensions are written against (asked once). */
  private boolean extendedLine() {
    Boolean line = extendedLine;
    if (line == null) {
      line = ToolVersions.runsExtendedJooqLine();
      extendedLine = line;
    }
    return line;
  }

  /**
   * jOOQ's {@code newJavaWriter(File, Mode)} with {@link DrydockJavaWriter}: the same settings, and
   * the names of the classes generated into the file's directory as jOOQ's {@code
   * generatedTypeNames} finds them.
   */
  @Override
  protected JavaWriter newJavaWriter(File file, Mode mode) {
    if (!extendedLine()
        || !DrydockJavaWriter.fitsRunningJooq()
        || !file.getName().endsWith(".java")) {
      return super.newJavaWriter(file, mode);
    }
    JavaWriter result =
        new DrydockJavaWriter(
            file,
            generateFullyQualifiedTypes(),
            getTargetEncoding(),
            generateJavadoc(),
            files,
            generatedSerialVersionUID(),
            mode);
    if (generateIndentation() != null) {
      result.tabString(generateIndentation());
    }
    if (generateNewline() != null) {
      result.newlineString(generateNewline());
    }
    result.printMarginForBlockComment(generatePrintMarginForBlockComment());
    if (typeNames == null) {
      typeNames = GeneratedTypeNames.of(database, this::getFile);
    }
    result.samePackageTypes(typeNames.in(file.getParentFile()));
    return result;
  }

  @Override
  public GeneratorStrategy getStrategy() {
    GeneratorStrategy wrapped = super.getStrategy();
    if (wrapped == null || !extendedLine()) {
      // another jOOQ line's GeneratorStrategy has methods MemoizingStrategy does not implement
      // (3.20 added some): jOOQ's own strategy, so the output stays jOOQ's JavaGenerator's
      return wrapped;
    }
    MemoizingStrategy current = memoizing;
    if (current == null || !current.wraps(wrapped)) {
      current = new MemoizingStrategy(wrapped);
      memoizing = current;
    }
    return current;
  }

  @Override
  public void setStrategy(GeneratorStrategy strategy) {
    super.setStrategy(strategy);
    memoizing = null;
  }

  // the setters below change the strategy behind the memo's back (jOOQ sets them on its field)

  @Override
  public void setTargetDirectory(String directory) {
    super.setTargetDirectory(directory);
    memoizing = null;
  }

  @Override
  public void setTargetPackage(String packageName) {
    super.setTargetPackage(packageName);
    memoizing = null;
  }

  @Override
  public void setTargetLocale(Locale targetLocale) {
    super.setTargetLocale(targetLocale);
    memoizing = null;
  }
}
