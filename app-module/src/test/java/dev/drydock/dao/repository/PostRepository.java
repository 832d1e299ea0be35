package dev.drydock.dao.repository;

import static dev.drydock.generated.Tables.POSTS;
import static dev.drydock.generated.Tables.POST_TAGS;
import static dev.drydock.generated.Tables.TAGS;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.multiset;
import static org.jooq.impl.DSL.select;

import dev.drydock.dao.error.NotFoundException;
import dev.drydock.generated.tables.records.PostsRecord;
import dev.drydock.generated.tables.records.TagsRecord;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Result;

/**
 * Typed access to {@code posts}. A post's author must exist ({@code NotFoundException} otherwise).
 * Thread-safe.
 */
public final class PostRepository {

  private static final OptimisticUpdate<PostsRecord, Integer> UPDATE =
      new OptimisticUpdate<>(POSTS, POSTS.ID, POSTS.LOCK_VERSION, POSTS.UPDATED_AT);
  private static final MultiRowInsert<PostsRecord> INSERT =
      new MultiRowInsert<>(
          POSTS,
          List.of(POSTS.TITLE, POSTS.CONTENT, POSTS.AUTHOR_ID, POSTS.STATUS, POSTS.METADATA));
  private static final Field<Result<TagsRecord>> TAGS_OF_POST =
      multiset(
              select(TAGS.fields())
                  .from(TAGS)
                  .join(POST_TAGS)
                  .on(POST_TAGS.TAG_ID.eq(TAGS.ID))
                  .where(POST_TAGS.POST_ID.eq(POSTS.ID))
                  .orderBy(TAGS.NAME))
          .as("tags")
          .convertFrom(r -> r.into(TAGS));

  private final DSLContext dsl;
  private final RenderedSql rendered;

  public PostRepository(DSLContext dsl) {
    this(dsl, new RenderedSql());
  }

  private PostRepository(DSLContext dsl, RenderedSql rendered) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
    this.rendered = rendered;
  }

  /** The same repository over another context, e.g. a transaction's. */
  public PostRepository using(DSLContext tx) {
    return new PostRepository(tx, rendered);
  }

  /** Inserts a post with the fields set on {@code post}; returns the row with its defaults. */
  public PostsRecord create(PostsRecord post) {
    return dsl.insertInto(POSTS).set(post).returning().fetchSingle();
  }

  /** Inserts a post from its required fields. */
  public PostsRecord create(int authorId, String title) {
    return create(new PostsRecord().setAuthorId(authorId).setTitle(title));
  }

  /** Inserts many posts in multi-row INSERTs; returns the rows in the order given. */
  public List<PostsRecord> createAll(List<PostsRecord> posts) {
    return INSERT.insert(dsl, rendered, posts);
  }

  public Optional<PostsRecord> findById(int id) {
    return dsl.selectFrom(POSTS).where(POSTS.ID.eq(id)).fetchOptional();
  }

  /** Posts matching {@code filter}, ordered by id, one keyset page at a time. */
  public Page<PostsRecord, Integer> list(PostFilter filter, PageRequest<Integer> page) {
    var query = dsl.selectFrom(POSTS).where(filter.condition());
    if (page.after() != null) {
      query = query.and(POSTS.ID.gt(page.after()));
    }
    List<PostsRecord> rows = query.orderBy(POSTS.ID).limit(page.limit() + 1).fetch();
    return Pages.of(rows, page.limit(), PostsRecord::getId);
  }

  /**
   * Optimistic update of the fields changed on {@code post} (see {@link
   * UserRepository#update(dev.drydock.generated.tables.records.UsersRecord)}).
   *
   * @throws NotFoundException if no post has this id, or the new author does not exist
   * @throws dev.drydock.dao.error.StaleVersionException if the post changed since it was read
   */
  public PostsRecord update(PostsRecord post) {
    return UPDATE.update(dsl, rendered, post);
  }

  /**
   * Deletes a post (and its tag links, by cascade).
   *
   * @throws NotFoundException if no post has this id
   */
  public void delete(int id) {
    if (dsl.deleteFrom(POSTS).where(POSTS.ID.eq(id)).execute() == 0) {
      throw NotFoundException.noRow(POSTS.getName(), id);
    }
  }

  /** Deletes all posts of an author; returns how many. */
  public int deleteByAuthor(int authorId) {
    return dsl.deleteFrom(POSTS).where(POSTS.AUTHOR_ID.eq(authorId)).execute();
  }

  /**
   * Inserts the post, or if a post with its id exists, overwrites its title, content, status and
   * metadata (incrementing its version); returns the row. One statement ({@code ON CONFLICT (id) DO
   * UPDATE}). Without an id it is a plain insert.
   */
  public PostsRecord upsert(PostsRecord post) {
    return dsl.insertInto(POSTS)
        .set(post)
        .onConflict(POSTS.ID)
        .doUpdate()
        .set(POSTS.TITLE, excluded(POSTS.TITLE))
        .set(POSTS.CONTENT, excluded(POSTS.CONTENT))
        .set(POSTS.STATUS, excluded(POSTS.STATUS))
        .set(POSTS.METADATA, excluded(POSTS.METADATA))
        .set(POSTS.LOCK_VERSION, POSTS.LOCK_VERSION.plus(1))
        .set(POSTS.UPDATED_AT, currentOffsetDateTime())
        .returning()
        .fetchSingle();
  }

  /** A post with its tags (ordered by name), in one query ({@code MULTISET}). */
  public Optional<PostWithTags> findWithTags(int id) {
    return dsl.select(POSTS, TAGS_OF_POST)
        .from(POSTS)
        .where(POSTS.ID.eq(id))
        .fetchOptional(r -> new PostWithTags(r.value1(), r.value2()));
  }

  /** A post and its tags. */
  public record PostWithTags(PostsRecord post, List<TagsRecord> tags) {
    public PostWithTags {
      tags = List.copyOf(tags);
    }
  }
}
