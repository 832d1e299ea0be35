package dev.drydock.codegen.writer;

import java.io.File;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.jooq.codegen.GeneratorStrategy.Mode;
import org.jooq.meta.CatalogDefinition;
import org.jooq.meta.Database;
import org.jooq.meta.Definition;
import org.jooq.meta.PackageDefinition;
import org.jooq.meta.SchemaDefinition;

/**
 * The simple names of the classes jOOQ 3.19's {@code JavaGenerator} generates, by directory, as its
 * private {@code generatedTypeNames} computes them for each writer ({@code samePackageTypes}):
 * every catalog, schema, table, embeddable, enum, domain, UDT, array, routine and package, in every
 * mode, placed where the strategy's file for it goes. Computed once per {@code generate}.
 */
final class GeneratedTypeNames {

  private final Map<File, Set<String>> byDirectory = new HashMap<>();

  private GeneratedTypeNames() {}

  /** The names, with {@code file} the generator's {@code getFile(definition, mode)}. */
  static GeneratedTypeNames of(Database database, BiFunction<Definition, Mode, File> file) {
    GeneratedTypeNames names = new GeneratedTypeNames();
    if (database == null) {
      return names;
    }
    List<Definition> definitions = new ArrayList<>();
    for (CatalogDefinition catalog : database.getCatalogs()) {
      definitions.add(catalog);
      for (SchemaDefinition schema : catalog.getSchemata()) {
        definitions.add(schema);
        definitions.addAll(database.getTables(schema));
        definitions.addAll(database.getEmbeddables(schema));
        definitions.addAll(database.getEnums(schema));
        definitions.addAll(database.getDomains(schema));
        definitions.addAll(database.getUDTs(schema));
        definitions.addAll(database.getArrays(schema));
        definitions.addAll(database.getRoutines(schema));
        for (PackageDefinition pkg : database.getPackages(schema)) {
          definitions.add(pkg);
          definitions.addAll(pkg.getUDTs());
          definitions.addAll(pkg.getRoutines());
        }
      }
    }
    for (Definition definition : definitions) {
      for (Mode mode : Mode.values()) {
        try {
          File f = file.apply(definition, mode);
          if (f != null && f.getParentFile() != null) {
            names
                .byDirectory
                .computeIfAbsent(f.getParentFile(), k -> new HashSet<>())
                .add(withoutSuffix(f.getName()));
          }
        } catch (RuntimeException e) {
          // as jOOQ: a definition the strategy cannot place in this mode has no class there
        }
      }
    }
    return names;
  }

  /** {@code name.replaceAll("\\.(java|scala|kt)$", "")}, as jOOQ strips it, without a regex. */
  static String withoutSuffix(String name) {
    if (name.indexOf('\n') >= 0
        || name.indexOf('\r') >= 0
        || name.indexOf('\u0085') >= 0
        || name.indexOf('\u2028') >= 0
        || name.indexOf('\u2029') >= 0) {
      return name.replaceAll("\\.(java|scala|kt)$", ""); // '$' also matches before a line end
    }
    for (String suffix : SUFFIXES) {
      if (name.endsWith(suffix)) {
        return name.substring(0, name.length() - suffix.length());
      }
    }
    return name;
  }

  private static final List<String> SUFFIXES = List.of(".java", ".scala", ".kt");

  /** The names of the classes generated into {@code directory} (none when null). */
  Set<String> in(File directory) {
    return directory == null
        ? Collections.emptySet()
        : byDirectory.getOrDefault(directory, Collections.emptySet());
  }
}
