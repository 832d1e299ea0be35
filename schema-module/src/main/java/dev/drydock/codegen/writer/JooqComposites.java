package dev.drydock.codegen.writer;

import org.jooq.codegen.GeneratorStrategy;
import org.jooq.codegen.Language;
import org.jooq.meta.ColumnDefinition;
import org.jooq.meta.ConstraintDefinition;
import org.jooq.meta.Definition;
import org.jooq.meta.DomainDefinition;
import org.jooq.meta.EmbeddableDefinition;
import org.jooq.meta.IdentityDefinition;
import org.jooq.meta.IndexDefinition;
import org.jooq.meta.SequenceDefinition;
import org.jooq.meta.TypedElementDefinition;

/**
 * jOOQ 3.19's {@code AbstractGeneratorStrategy.getFullJavaIdentifier} (a final method, so every
 * jOOQ strategy answers it this way), built from another strategy's answers: the container's class
 * name (or identifier, with instance fields) and the definition's identifier.
 */
final class JooqComposites {

  private JooqComposites() {}

  static String fullJavaIdentifier(GeneratorStrategy s, Definition definition) {
    StringBuilder sb = new StringBuilder();
    if (definition instanceof EmbeddableDefinition e) {
      // embeddable identifiers are represented by their referencing embeddable columns
      sb.append(
          s.getInstanceFields()
              ? s.getFullJavaIdentifier(e.getReferencingTable())
              : s.getFullJavaClassName(e.getReferencingTable()));
    } else if (definition instanceof ColumnDefinition c) {
      sb.append(
          s.getInstanceFields()
              ? s.getFullJavaIdentifier(c.getContainer())
              : s.getFullJavaClassName(c.getContainer()));
    } else if (definition instanceof SequenceDefinition
        || definition instanceof DomainDefinition
        || definition instanceof IndexDefinition
        || definition instanceof IdentityDefinition
        || definition instanceof ConstraintDefinition) {
      sb.append(
          s.getTargetLanguage() == Language.KOTLIN
              ? s.getGlobalReferencesJavaPackageName(definition.getSchema(), definition.getClass())
              : s.getGlobalReferencesFullJavaClassName(
                  definition.getSchema(), definition.getClass()));
    } else if (definition instanceof TypedElementDefinition<?> e) {
      // attributes, parameters
      sb.append(s.getFullJavaClassName(e.getContainer()));
    } else {
      // table, UDT, schema, etc.
      sb.append(s.getFullJavaClassName(definition));
    }
    return sb.append('.').append(s.getJavaIdentifier(definition)).toString();
  }
}
