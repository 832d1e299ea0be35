package dev.drydock.lint;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On PostgreSQL 17 (the default): what 17 does with the statements whose effect differs by major
 * ({@link MajorDifferences}); 15 and 18 in {@link LintMajorDifferencesAcrossMajorsTest}.
 */
class LintMajorDifferencesTest {

  @TempDir Path project;

  private MajorDifferences on17() {
    return new MajorDifferences(17, project);
  }

  @Test
  void aGeneratedColumnWithoutStoredIsRefusedOn17() throws Exception {
    on17().virtualGeneratedColumn();
  }

  @Test
  void aStoredGeneratedColumnRewritesTheTable() throws Exception {
    on17().storedGeneratedColumn();
  }

  @Test
  void setExpressionOnAStoredGeneratedColumnRewritesTheTable() throws Exception {
    on17().setExpression();
  }

  @Test
  void setNotNullSuggestsTheHelperCheckOn17() throws Exception {
    on17().setNotNullSuggestsTheSafeFormOfThisServer();
  }

  @Test
  void aNotNullConstraintNotValidIsRefusedOn17() throws Exception {
    on17().notNullNotValidThenValidate();
  }
}
