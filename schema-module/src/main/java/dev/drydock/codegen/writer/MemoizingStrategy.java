package dev.drydock.codegen.writer;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jooq.codegen.AbstractGeneratorStrategy;
import org.jooq.codegen.GeneratorStrategy;
import org.jooq.codegen.Language;
import org.jooq.meta.Definition;
import org.jooq.meta.EnumDefinition;

/**
 * A {@link GeneratorStrategy} that asks its delegate each naming question once per definition (by
 * identity, not by name: two definitions may share a name), mode and target language, and from then
 * on answers from memory. Only immutable answers ({@code String}, {@code File}) are remembered;
 * lists are asked for each time, as jOOQ may change them. Any setter forgets everything except the
 * target language, which jOOQ switches back and forth around each enum and which the memory is kept
 * per.
 */
final class MemoizingStrategy implements GeneratorStrategy {

  private enum Question {
    ENUM_LITERAL,
    IDENTIFIER,
    FULL_IDENTIFIER,
    SETTER,
    GETTER,
    METHOD,
    CLASS_EXTENDS,
    CLASS_NAME,
    PACKAGE,
    MEMBER,
    FULL_CLASS_NAME,
    FILE_NAME,
    FILE,
    FILE_HEADER,
    GLOBAL_NAMES_CLASS_EXTENDS,
    GLOBAL_REFERENCES_CLASS_EXTENDS,
    GLOBAL_NAMES_CLASS_NAME,
    GLOBAL_REFERENCES_CLASS_NAME,
    GLOBAL_NAMES_PACKAGE,
    GLOBAL_REFERENCES_PACKAGE,
    GLOBAL_NAMES_FULL_CLASS_NAME,
    GLOBAL_REFERENCES_FULL_CLASS_NAME,
    GLOBAL_NAMES_FILE_NAME,
    GLOBAL_REFERENCES_FILE_NAME,
    GLOBAL_NAMES_FILE,
    GLOBAL_REFERENCES_FILE,
    GLOBAL_NAMES_FILE_HEADER,
    GLOBAL_REFERENCES_FILE_HEADER
  }

  /** A question about one definition object; {@code detail} is the mode, literal or type asked. */
  private record Key(Question question, Definition definition, Object detail) {

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && k.question == question
          && k.definition == definition
          && Objects.equals(k.detail, detail);
    }

    @Override
    public int hashCode() {
      return (question.ordinal() * 31 + System.identityHashCode(definition)) * 31
          + Objects.hashCode(detail);
    }
  }

  /** Stands for "no mode": the one-argument methods, which a strategy may answer differently. */
  private static final Object NO_MODE = new Object();

  private final GeneratorStrategy delegate;

  /**
   * Whether the delegate is one of jOOQ's {@code AbstractGeneratorStrategy}s (jOOQ's own wrapper
   * always is), whose compound names ({@code getFullJavaClassName}, {@code getFullJavaIdentifier},
   * {@code getFileName}) and one-argument methods (the {@code DEFAULT} mode's answer) are final
   * methods built from its other answers: built here from the remembered answers the same way,
   * instead of asking for each part again.
   */
  private final boolean composite;

  private final Map<Language, Map<Key, Object>> answers = new EnumMap<>(Language.class);
  private final Map<Key, Object> noLanguage = new HashMap<>();

  MemoizingStrategy(GeneratorStrategy delegate) {
    this.delegate = delegate;
    this.composite = delegate instanceof AbstractGeneratorStrategy;
  }

  boolean wraps(GeneratorStrategy strategy) {
    return delegate == strategy;
  }

  @SuppressWarnings("unchecked")
  private <T> T ask(Question question, Definition definition, Object detail, Supplier<T> answer) {
    Language language = delegate.getTargetLanguage();
    Map<Key, Object> memory =
        language == null ? noLanguage : answers.computeIfAbsent(language, l -> new HashMap<>());
    Key key = new Key(question, definition, detail);
    Object known = memory.get(key);
    if (known == null && !memory.containsKey(key)) {
      known = answer.get();
      memory.put(key, known);
    }
    return (T) known;
  }

  private void forget() {
    answers.clear();
    noLanguage.clear();
  }

  // ---------------------------------------------------------------------------------------------
  // settings: passed on; each but the language forgets the answers

  @Override
  public String getTargetDirectory() {
    return delegate.getTargetDirectory();
  }

  @Override
  public void setTargetDirectory(String directory) {
    forget();
    delegate.setTargetDirectory(directory);
  }

  @Override
  public String getTargetPackage() {
    return delegate.getTargetPackage();
  }

  @Override
  public void setTargetPackage(String packageName) {
    forget();
    delegate.setTargetPackage(packageName);
  }

  @Override
  public Locale getTargetLocale() {
    return delegate.getTargetLocale();
  }

  @Override
  public void setTargetLocale(Locale targetLocale) {
    forget();
    delegate.setTargetLocale(targetLocale);
  }

  @Override
  public Language getTargetLanguage() {
    return delegate.getTargetLanguage();
  }

  @Override
  public void setTargetLanguage(Language targetLanguage) {
    delegate.setTargetLanguage(targetLanguage);
  }

  @Override
  public void setInstanceFields(boolean instanceFields) {
    forget();
    delegate.setInstanceFields(instanceFields);
  }

  @Override
  public boolean getInstanceFields() {
    return delegate.getInstanceFields();
  }

  @Override
  public void setJavaBeansGettersAndSetters(boolean javaBeansGettersAndSetters) {
    forget();
    delegate.setJavaBeansGettersAndSetters(javaBeansGettersAndSetters);
  }

  @Override
  public boolean getJavaBeansGettersAndSetters() {
    return delegate.getJavaBeansGettersAndSetters();
  }

  @Override
  public void setUseTableNameForUnambiguousFKs(boolean useTableNameForUnambiguousFKs) {
    forget();
    delegate.setUseTableNameForUnambiguousFKs(useTableNameForUnambiguousFKs);
  }

  @Override
  public boolean getUseTableNameForUnambiguousFKs() {
    return delegate.getUseTableNameForUnambiguousFKs();
  }

  // ---------------------------------------------------------------------------------------------
  // names of one definition: remembered

  @Override
  public String getJavaEnumLiteral(EnumDefinition definition, String literal) {
    return ask(
        Question.ENUM_LITERAL,
        definition,
        literal,
        () -> delegate.getJavaEnumLiteral(definition, literal));
  }

  @Override
  public List<String> getJavaEnumLiterals(
      EnumDefinition definition, Collection<? extends String> literals) {
    List<String> result = new ArrayList<>(literals.size());
    for (String literal : literals) {
      if (literal != null) {
        result.add(getJavaEnumLiteral(definition, literal));
      }
    }
    return result;
  }

  @Override
  public List<String> getJavaEnumLiterals(EnumDefinition definition, String... literals) {
    return getJavaEnumLiterals(definition, Arrays.asList(literals));
  }

  @Override
  public String getJavaIdentifier(Definition definition) {
    return ask(
        Question.IDENTIFIER, definition, NO_MODE, () -> delegate.getJavaIdentifier(definition));
  }

  @Override
  public List<String> getJavaIdentifiers(Collection<? extends Definition> definitions) {
    List<String> result = new ArrayList<>(definitions.size());
    for (Definition definition : definitions) {
      if (definition != null) {
        result.add(getJavaIdentifier(definition));
      }
    }
    return result;
  }

  @Override
  public List<String> getJavaIdentifiers(Definition... definitions) {
    return getJavaIdentifiers(Arrays.asList(definitions));
  }

  @Override
  public String getFullJavaIdentifier(Definition definition) {
    return ask(
        Question.FULL_IDENTIFIER,
        definition,
        NO_MODE,
        () ->
            composite
                ? JooqComposites.fullJavaIdentifier(this, definition)
                : delegate.getFullJavaIdentifier(definition));
  }

  @Override
  public List<String> getFullJavaIdentifiers(Collection<? extends Definition> definitions) {
    List<String> result = new ArrayList<>(definitions.size());
    for (Definition definition : definitions) {
      if (definition != null) {
        result.add(getFullJavaIdentifier(definition));
      }
    }
    return result;
  }

  @Override
  public List<String> getFullJavaIdentifiers(Definition... definitions) {
    return getFullJavaIdentifiers(Arrays.asList(definitions));
  }

  @Override
  public String getJavaSetterName(Definition definition) {
    if (composite) {
      return getJavaSetterName(definition, Mode.DEFAULT);
    }
    return ask(Question.SETTER, definition, NO_MODE, () -> delegate.getJavaSetterName(definition));
  }

  @Override
  public String getJavaSetterName(Definition definition, Mode mode) {
    return ask(
        Question.SETTER, definition, mode, () -> delegate.getJavaSetterName(definition, mode));
  }

  @Override
  public String getJavaGetterName(Definition definition) {
    if (composite) {
      return getJavaGetterName(definition, Mode.DEFAULT);
    }
    return ask(Question.GETTER, definition, NO_MODE, () -> delegate.getJavaGetterName(definition));
  }

  @Override
  public String getJavaGetterName(Definition definition, Mode mode) {
    return ask(
        Question.GETTER, definition, mode, () -> delegate.getJavaGetterName(definition, mode));
  }

  @Override
  public String getJavaMethodName(Definition definition) {
    if (composite) {
      return getJavaMethodName(definition, Mode.DEFAULT);
    }
    return ask(Question.METHOD, definition, NO_MODE, () -> delegate.getJavaMethodName(definition));
  }

  @Override
  public String getJavaMethodName(Definition definition, Mode mode) {
    return ask(
        Question.METHOD, definition, mode, () -> delegate.getJavaMethodName(definition, mode));
  }

  @Override
  public String getJavaClassExtends(Definition definition) {
    if (composite) {
      return getJavaClassExtends(definition, Mode.DEFAULT);
    }
    return ask(
        Question.CLASS_EXTENDS,
        definition,
        NO_MODE,
        () -> delegate.getJavaClassExtends(definition));
  }

  @Override
  public String getJavaClassExtends(Definition definition, Mode mode) {
    return ask(
        Question.CLASS_EXTENDS,
        definition,
        mode,
        () -> delegate.getJavaClassExtends(definition, mode));
  }

  @Override
  public List<String> getJavaClassImplements(Definition definition) {
    return delegate.getJavaClassImplements(definition);
  }

  @Override
  public List<String> getJavaClassImplements(Definition definition, Mode mode) {
    return delegate.getJavaClassImplements(definition, mode);
  }

  @Override
  public String getJavaClassName(Definition definition) {
    if (composite) {
      return getJavaClassName(definition, Mode.DEFAULT);
    }
    return ask(
        Question.CLASS_NAME, definition, NO_MODE, () -> delegate.getJavaClassName(definition));
  }

  @Override
  public String getJavaClassName(Definition definition, Mode mode) {
    return ask(
        Question.CLASS_NAME, definition, mode, () -> delegate.getJavaClassName(definition, mode));
  }

  @Override
  public String getJavaPackageName(Definition definition) {
    if (composite) {
      return getJavaPackageName(definition, Mode.DEFAULT);
    }
    return ask(
        Question.PACKAGE, definition, NO_MODE, () -> delegate.getJavaPackageName(definition));
  }

  @Override
  public String getJavaPackageName(Definition definition, Mode mode) {
    return ask(
        Question.PACKAGE, definition, mode, () -> delegate.getJavaPackageName(definition, mode));
  }

  @Override
  public String getJavaMemberName(Definition definition) {
    if (composite) {
      return getJavaMemberName(definition, Mode.DEFAULT);
    }
    return ask(Question.MEMBER, definition, NO_MODE, () -> delegate.getJavaMemberName(definition));
  }

  @Override
  public String getJavaMemberName(Definition definition, Mode mode) {
    return ask(
        Question.MEMBER, definition, mode, () -> delegate.getJavaMemberName(definition, mode));
  }

  @Override
  public String getFullJavaClassName(Definition definition) {
    if (composite) {
      return getFullJavaClassName(definition, Mode.DEFAULT);
    }
    return ask(
        Question.FULL_CLASS_NAME,
        definition,
        NO_MODE,
        () -> delegate.getFullJavaClassName(definition));
  }

  @Override
  public String getFullJavaClassName(Definition definition, Mode mode) {
    return ask(
        Question.FULL_CLASS_NAME,
        definition,
        mode,
        () ->
            composite
                ? getJavaPackageName(definition, mode) + "." + getJavaClassName(definition, mode)
                : delegate.getFullJavaClassName(definition, mode));
  }

  @Override
  public String getFileName(Definition definition) {
    if (composite) {
      return getFileName(definition, Mode.DEFAULT);
    }
    return ask(Question.FILE_NAME, definition, NO_MODE, () -> delegate.getFileName(definition));
  }

  @Override
  public String getFileName(Definition definition, Mode mode) {
    return ask(
        Question.FILE_NAME,
        definition,
        mode,
        () ->
            composite
                ? getJavaClassName(definition, mode) + ".java"
                : delegate.getFileName(definition, mode));
  }

  @Override
  public File getFile(Definition definition) {
    if (composite) {
      return getFile(definition, Mode.DEFAULT);
    }
    return ask(Question.FILE, definition, NO_MODE, () -> delegate.getFile(definition));
  }

  @Override
  public File getFile(Definition definition, Mode mode) {
    return ask(Question.FILE, definition, mode, () -> delegate.getFile(definition, mode));
  }

  @Override
  public File getFile(String fileName) {
    return delegate.getFile(fileName);
  }

  @Override
  public File getFileRoot() {
    return delegate.getFileRoot();
  }

  @Override
  public String getFileHeader(Definition definition) {
    if (composite) {
      return getFileHeader(definition, Mode.DEFAULT);
    }
    return ask(Question.FILE_HEADER, definition, NO_MODE, () -> delegate.getFileHeader(definition));
  }

  @Override
  public String getFileHeader(Definition definition, Mode mode) {
    return ask(
        Question.FILE_HEADER, definition, mode, () -> delegate.getFileHeader(definition, mode));
  }

  @Override
  public String getOverloadSuffix(Definition definition, Mode mode, String overloadIndex) {
    return delegate.getOverloadSuffix(definition, mode, overloadIndex);
  }

  // ---------------------------------------------------------------------------------------------
  // names of a container's global classes (Keys, Indexes, ...): remembered per object type

  @Override
  public String getGlobalNamesJavaClassExtends(
      Definition container, Class<? extends Definition> objectType) {
    return ask(
        Question.GLOBAL_NAMES_CLASS_EXTENDS,
        container,
        objectType,
        () -> delegate.getGlobalNamesJavaClassExtends(container, objectType));
  }

  @Override
  public String getGlobalReferencesJavaClassExtends(
      Definition container, Class<? extends Definition> objectType) {
    return ask(
        Question.GLOBAL_REFERENCES_CLASS_EXTENDS,
        container,
        objectType,
        () -> delegate.getGlobalReferencesJavaClassExtends(container, objectType));
  }

  @Override
  public List<String> getGlobalNamesJavaClassImplements(
      Definition container, Class<? extends Definition> objectType) {
    return delegate.getGlobalNamesJavaClassImplements(container, objectType);
  }

  @Override
  public List<String> getGlobalReferencesJavaClassImplements(
      Definition container, Class<? extends Definition> objectType) {
    return delegate.getGlobalReferencesJavaClassImplements(container, objectType);
  }

  @Override
  public String getGlobalNamesJavaClassName(
      Definition container, Class<? extends Definition> objectType) {
    return ask(
        Question.GLOBAL_NAMES_CLASS_NAME,
        container,
        objectType,
        () -> delegate.getGlobalNamesJavaClassName(container, objectType));
  }

  @Override
  public String getGlobalReferencesJavaClassName(
      Definition container, Class<? extends Definition> objectType) {
    return ask(
        Question.GLOBAL_REFERENCES_CLASS_NAME,
        container,
        objectType,
        () -> delegate.getGlobalReferencesJavaClassName(container, objectType));
  }

  @Override
  public String getGlobalNamesJavaPackageName(
      Definition container, Class<? extends Definition> objectType) {
    return ask(
        Question.GLOBAL_NAMES_PACKAGE,
        container,
        objectType,
        () -> delegate.getGlobalNamesJavaPackageName(container, objectType));
  }

  @Override
  public String getGlobalReferencesJavaPackageName(
      Definition container, Class<? extends Definition> objectType) {
    return ask(
        Question.GLOBAL_REFERENCES_PACKAGE,
        container,
        objectType,
        () -> delegate.getGlobalReferencesJavaPackageName(container, objectType));
  }

  @Override
  public String getGlobalNamesFullJavaClassName(
      Definition container, Class<? extends Definition> objectType) {
    return ask(
        Question.GLOBAL_NAMES_FULL_CLASS_NAME,
        container,
        objectType,
        () ->
            composite
                ? getGlobalNamesJavaPackageName(container, objectType)
                    + "."
                    + getGlobalNamesJavaClassName(container, objectType)
                : delegate.getGlobalNamesFullJavaClassName(container, objectType));
  }

  @Override
  public String getGlobalReferencesFullJavaClassName(
      Definition container, Class<? extends Definition> objectType) {
    return ask(
        Question.GLOBAL_REFERENCES_FULL_CLASS_NAME,
        container,
        objectType,
        () ->
            composite
                ? getGlobalReferencesJavaPackageName(container, objectType)
                    + "."
                    + getGlobalReferencesJavaClassName(container, objectType)
                : delegate.getGlobalReferencesFullJavaClassName(container, objectType));
  }

  @Override
  public String getGlobalNamesFileName(
      Definition container, Class<? extends Definition> objectType) {
    return ask(
        Question.GLOBAL_NAMES_FILE_NAME,
        container,
        objectType,
        () -> delegate.getGlobalNamesFileName(container, objectType));
  }

  @Override
  public String getGlobalReferencesFileName(
      Definition container, Class<? extends Definition> objectType) {
    return ask(
        Question.GLOBAL_REFERENCES_FILE_NAME,
        container,
        objectType,
        () -> delegate.getGlobalReferencesFileName(container, objectType));
  }

  @Override
  public File getGlobalNamesFile(Definition container, Class<? extends Definition> objectType) {
    return ask(
        Question.GLOBAL_NAMES_FILE,
        container,
        objectType,
        () -> delegate.getGlobalNamesFile(container, objectType));
  }

  @Override
  public File getGlobalReferencesFile(
      Definition container, Class<? extends Definition> objectType) {
    return ask(
        Question.GLOBAL_REFERENCES_FILE,
        container,
        objectType,
        () -> delegate.getGlobalReferencesFile(container, objectType));
  }

  @Override
  public String getGlobalNamesFileHeader(
      Definition container, Class<? extends Definition> objectType) {
    return ask(
        Question.GLOBAL_NAMES_FILE_HEADER,
        container,
        objectType,
        () -> delegate.getGlobalNamesFileHeader(container, objectType));
  }

  @Override
  public String getGlobalReferencesFileHeader(
      Definition container, Class<? extends Definition> objectType) {
    return ask(
        Question.GLOBAL_REFERENCES_FILE_HEADER,
        container,
        objectType,
        () -> delegate.getGlobalReferencesFileHeader(container, objectType));
  }
}
