package dev.drydock.codegen.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jooq.codegen.DefaultGeneratorStrategy;
import org.jooq.codegen.GeneratorStrategy.Mode;
import org.jooq.codegen.Language;
import org.jooq.meta.Definition;
import org.jooq.meta.SchemaDefinition;
import org.jooq.meta.postgres.PostgresDatabase;
import org.junit.jupiter.api.Test;

/** {@link MemoizingStrategy}: each question once, and again after a setting changed. */
class MemoizingStrategyTest {

  /** A strategy that records each question it is asked. */
  static final class Recording extends DefaultGeneratorStrategy {
    final List<String> asked = new ArrayList<>();

    @Override
    public String getJavaClassName(Definition definition, Mode mode) {
      asked.add(definition.getName() + "/" + mode);
      return super.getJavaClassName(definition, mode);
    }

    @Override
    public String getJavaPackageName(Definition definition, Mode mode) {
      return getTargetPackage() + "." + definition.getName();
    }
  }

  private final PostgresDatabase database = new PostgresDatabase();
  private final SchemaDefinition a = new SchemaDefinition(database, "a", null);
  private final SchemaDefinition sameNameAsA = new SchemaDefinition(database, "a", null);

  @Test
  void aQuestionAskedTwiceIsPassedOnOnce() {
    // given
    Recording recording = new Recording();
    MemoizingStrategy memo = new MemoizingStrategy(recording);

    // when
    String first = memo.getJavaClassName(a, Mode.DEFAULT);
    String second = memo.getJavaClassName(a, Mode.DEFAULT);
    String record = memo.getJavaClassName(a, Mode.RECORD);

    // then
    assertThat(first).isEqualTo("A").isSameAs(second);
    assertThat(record).isEqualTo("ARecord");
    assertThat(recording.asked).containsExactly("a/DEFAULT", "a/RECORD");
  }

  @Test
  void twoDefinitionsOfOneNameAreAskedAboutApart() {
    Recording recording = new Recording();
    MemoizingStrategy memo = new MemoizingStrategy(recording);

    memo.getJavaClassName(a, Mode.DEFAULT);
    memo.getJavaClassName(sameNameAsA, Mode.DEFAULT);

    assertThat(recording.asked).containsExactly("a/DEFAULT", "a/DEFAULT");
  }

  @Test
  void aChangedSettingIsAnsweredAnew() {
    // given: an answer remembered under one target package
    Recording recording = new Recording();
    MemoizingStrategy memo = new MemoizingStrategy(recording);
    memo.setTargetPackage("org.one");
    assertThat(memo.getJavaPackageName(a, Mode.DEFAULT)).isEqualTo("org.one.a");

    // when
    memo.setTargetPackage("org.two");

    // then
    assertThat(memo.getJavaPackageName(a, Mode.DEFAULT)).isEqualTo("org.two.a");
  }

  @Test
  void answersAreRememberedPerTargetLanguage() {
    // given
    Recording recording = new Recording();
    MemoizingStrategy memo = new MemoizingStrategy(recording);
    memo.setTargetLanguage(Language.JAVA);
    memo.getJavaClassName(a, Mode.DEFAULT);

    // when: switched to Scala and back, as jOOQ does around each enum
    memo.setTargetLanguage(Language.SCALA);
    memo.getJavaClassName(a, Mode.DEFAULT);
    memo.setTargetLanguage(Language.JAVA);
    memo.getJavaClassName(a, Mode.DEFAULT);

    // then: asked once per language
    assertThat(recording.asked).containsExactly("a/DEFAULT", "a/DEFAULT");
  }

  @Test
  void listsOfNamesLeaveOutNullsAsJooqDoes() {
    // given: jOOQ asks for the identifiers of a routine's parameters, some of which are absent
    MemoizingStrategy memo = new MemoizingStrategy(new Recording());

    // when / then
    assertThat(memo.getJavaIdentifiers(a, null, sameNameAsA)).containsExactly("A", "A");
    assertThat(memo.getJavaIdentifiers(java.util.Arrays.asList(null, a))).containsExactly("A");
  }
}
