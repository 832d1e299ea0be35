package dev.drydock.dao.repository;

import static dev.drydock.generated.Tables.TAGS;
import static org.jooq.impl.DSL.excluded;

import dev.drydock.dao.error.NotFoundException;
import dev.drydock.generated.tables.records.TagsRecord;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;

/** Typed access to {@code tags} (unversioned: updates are last-writer-wins). Thread-safe. */
public final class TagRepository {

  private static final MultiRowInsert<TagsRecord> INSERT =
      new MultiRowInsert<>(TAGS, List.of(TAGS.NAME));

  private final DSLContext dsl;
  private final RenderedSql rendered;

  public TagRepository(DSLContext dsl) {
    this(dsl, new RenderedSql());
  }

  private TagRepository(DSLContext dsl, RenderedSql rendered) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
    this.rendered = rendered;
  }

  /** The same repository over another context, e.g. a transaction's. */
  public TagRepository using(DSLContext tx) {
    return new TagRepository(tx, rendered);
  }

  /**
   * Inserts a tag.
   *
   * @throws dev.drydock.dao.error.ConflictException if the name is taken ({@code tags_name_key})
   */
  public TagsRecord create(String name) {
    return dsl.insertInto(TAGS).set(TAGS.NAME, name).returning().fetchSingle();
  }

  /** Inserts many tags in multi-row INSERTs; returns the rows in the order given. */
  public List<TagsRecord> createAll(List<String> names) {
    return INSERT.insert(
        dsl, rendered, names.stream().map(n -> new TagsRecord().setName(n)).toList());
  }

  public Optional<TagsRecord> findById(int id) {
    return dsl.selectFrom(TAGS).where(TAGS.ID.eq(id)).fetchOptional();
  }

  /** By the unique key {@code tags_name_key}. */
  public Optional<TagsRecord> findByName(String name) {
    return dsl.selectFrom(TAGS).where(TAGS.NAME.eq(name)).fetchOptional();
  }

  /** Tags whose name starts with {@code prefix} ({@code null}: all), by name, keyset-paginated. */
  public Page<TagsRecord, String> list(String prefix, PageRequest<String> page) {
    var query =
        dsl.selectFrom(TAGS)
            .where(prefix == null ? TAGS.NAME.isNotNull() : TAGS.NAME.startsWith(prefix));
    if (page.after() != null) {
      query = query.and(TAGS.NAME.gt(page.after()));
    }
    List<TagsRecord> rows = query.orderBy(TAGS.NAME).limit(page.limit() + 1).fetch();
    return Pages.of(rows, page.limit(), TagsRecord::getName);
  }

  /**
   * Renames a tag.
   *
   * @throws NotFoundException if no tag has this id
   * @throws dev.drydock.dao.error.ConflictException if the new name is taken
   */
  public TagsRecord rename(int id, String name) {
    return dsl.update(TAGS)
        .set(TAGS.NAME, name)
        .where(TAGS.ID.eq(id))
        .returning()
        .fetchOptional()
        .orElseThrow(() -> NotFoundException.noRow(TAGS.getName(), id));
  }

  /**
   * Deletes a tag (and its post links, by cascade).
   *
   * @throws NotFoundException if no tag has this id
   */
  public void delete(int id) {
    if (dsl.deleteFrom(TAGS).where(TAGS.ID.eq(id)).execute() == 0) {
      throw NotFoundException.noRow(TAGS.getName(), id);
    }
  }

  /**
   * The tag with this name, inserted if missing. One statement ({@code ON CONFLICT ON CONSTRAINT
   * tags_name_key DO UPDATE}: a no-op update, so that the existing row is returned and locked).
   */
  public TagsRecord upsert(String name) {
    return dsl.insertInto(TAGS)
        .set(TAGS.NAME, name)
        .onConflictOnConstraint(dev.drydock.generated.Keys.TAGS_NAME_KEY)
        .doUpdate()
        .set(TAGS.NAME, excluded(TAGS.NAME))
        .returning()
        .fetchSingle();
  }
}
