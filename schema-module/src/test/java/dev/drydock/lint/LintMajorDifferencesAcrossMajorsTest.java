package dev.drydock.lint;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link MajorDifferences} on PostgreSQL 15 and 18: on 18 a generated column without STORED is
 * virtual (no rewrite, nor on SET EXPRESSION) and SET NOT NULL has a safe form of its own (NOT NULL
 * NOT VALID, then VALIDATE); 15 refuses SET EXPRESSION.
 */
@Tag("reliability")
class LintMajorDifferencesAcrossMajorsTest {

  @TempDir Path project;

  @ParameterizedTest(name = "PostgreSQL {0}")
  @ValueSource(ints = {15, 18})
  void aGeneratedColumnWithoutStoredIsVirtualOn18AndRefusedBefore(int major) throws Exception {
    new MajorDifferences(major, project).virtualGeneratedColumn();
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @ValueSource(ints = {15, 18})
  void aStoredGeneratedColumnRewritesTheTable(int major) throws Exception {
    new MajorDifferences(major, project).storedGeneratedColumn();
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @ValueSource(ints = {15, 18})
  void setExpressionRewritesAStoredColumnOnlyAndIsRefusedOn15(int major) throws Exception {
    new MajorDifferences(major, project).setExpression();
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @ValueSource(ints = {15, 18})
  void setNotNullSuggestsTheSafeFormTheServerAccepts(int major) throws Exception {
    new MajorDifferences(major, project).setNotNullSuggestsTheSafeFormOfThisServer();
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @ValueSource(ints = {15, 18})
  void aNotNullConstraintNotValidThenValidateIsSafeOn18AndRefusedBefore(int major)
      throws Exception {
    new MajorDifferences(major, project).notNullNotValidThenValidate();
  }
}
