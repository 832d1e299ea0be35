package dev.drydock.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Migrations that use the Flyway features real projects use, in two locations: {@code core} has
 * {@code V1__items.sql} (a {@code ${prefix}} placeholder), a repeatable {@code R__item_names.sql}
 * and an {@code afterMigrate.sql} callback; {@code extra} has the dotted {@code V1.1__notes.sql}.
 * Run with schema {@code shop} and {@code prefix=shop_}.
 */
public record FlywayFeatureMigrations(Path core, Path extra) {

  /** Writes the migrations under {@code root}. */
  public static FlywayFeatureMigrations writeUnder(Path root) throws IOException {
    Path core = Files.createDirectories(root.resolve("core"));
    Path extra = Files.createDirectories(root.resolve("extra"));
    Files.writeString(
        core.resolve("V1__items.sql"),
        "create table ${prefix}items (id int primary key, name text not null);\n");
    Files.writeString(
        extra.resolve("V1.1__notes.sql"),
        "create table notes (id int primary key, item_id int references ${prefix}items (id));\n");
    Files.writeString(
        core.resolve("R__item_names.sql"),
        "create or replace view item_names as select name from ${prefix}items;\n");
    Files.writeString(
        core.resolve("afterMigrate.sql"),
        "comment on table ${prefix}items is 'set by the afterMigrate callback';\n");
    return new FlywayFeatureMigrations(core, extra);
  }
}
