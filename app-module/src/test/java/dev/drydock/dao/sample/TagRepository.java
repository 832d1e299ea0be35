package dev.drydock.dao.sample;

import static dev.drydock.generated.Tables.TAGS;

import dev.drydock.dao.DrydockDatabase;
import dev.drydock.dao.TableRepository;
import dev.drydock.dao.error.NotFoundException;
import dev.drydock.dao.repository.Page;
import dev.drydock.dao.repository.PageRequest;
import dev.drydock.generated.Keys;
import dev.drydock.generated.tables.records.TagsRecord;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The sample's {@code tags} (unversioned: updates are last-writer-wins), over {@link
 * TableRepository}. Thread-safe.
 */
public final class TagRepository {

  private final TableRepository<TagsRecord, Integer> tags;

  public TagRepository(DrydockDatabase db) {
    this(db.<TagsRecord, Integer>repository(TAGS));
  }

  public TagRepository(DSLContext dsl) {
    this(TableRepository.<TagsRecord, Integer>of(dsl, TAGS));
  }

  private TagRepository(TableRepository<TagsRecord, Integer> tags) {
    this.tags = tags;
  }

  /** The same repository over another context, e.g. a transaction's. */
  public TagRepository using(DSLContext tx) {
    return new TagRepository(tags.using(tx));
  }

  /**
   * Inserts a tag.
   *
   * @throws dev.drydock.dao.error.ConflictException if the name is taken ({@code tags_name_key})
   */
  public TagsRecord create(String name) {
    return tags.create(new TagsRecord().setName(name));
  }

  /** Inserts many tags in multi-row INSERTs; returns the rows in the order given. */
  public List<TagsRecord> createAll(List<String> names) {
    return tags.createMany(names.stream().map(n -> new TagsRecord().setName(n)).toList());
  }

  public Optional<TagsRecord> findById(int id) {
    return tags.findById(id);
  }

  /** By the unique key {@code tags_name_key}. */
  public Optional<TagsRecord> findByName(String name) {
    return tags.findBy(TAGS.NAME, name);
  }

  /** Tags whose name starts with {@code prefix} ({@code null}: all), by name, keyset-paginated. */
  public Page<TagsRecord, String> list(String prefix, PageRequest<String> page) {
    return Cursors.by(
        tags,
        TAGS.NAME,
        prefix == null ? TAGS.NAME.isNotNull() : TAGS.NAME.startsWith(prefix),
        page);
  }

  /**
   * Renames a tag.
   *
   * @throws NotFoundException if no tag has this id
   * @throws dev.drydock.dao.error.ConflictException if the new name is taken
   */
  public TagsRecord rename(int id, String name) {
    return tags.update(new TagsRecord().setId(id).setName(name));
  }

  /**
   * Deletes a tag (and its post links, by cascade).
   *
   * @throws NotFoundException if no tag has this id
   */
  public void delete(int id) {
    tags.deleteById(id);
  }

  /** The tag with this name, inserted if missing (one statement, on {@code tags_name_key}). */
  public TagsRecord upsert(String name) {
    return tags.upsert(new TagsRecord().setName(name), Keys.TAGS_NAME_KEY);
  }
}
