package dev.drydock.dao.sample;

import static dev.drydock.generated.Tables.POSTS;
import static dev.drydock.generated.Tables.POST_TAGS;
import static dev.drydock.generated.Tables.TAGS;
import static org.jooq.impl.DSL.multiset;
import static org.jooq.impl.DSL.select;

import dev.drydock.dao.DrydockDatabase;
import dev.drydock.dao.TableRepository;
import dev.drydock.dao.error.NotFoundException;
import dev.drydock.dao.repository.Page;
import dev.drydock.dao.repository.PageRequest;
import dev.drydock.generated.Keys;
import dev.drydock.generated.tables.records.PostsRecord;
import dev.drydock.generated.tables.records.TagsRecord;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Result;

/**
 * The sample's {@code posts}, over {@link TableRepository}, plus a post with its tags (through the
 * link table, one {@code MULTISET}). A post's author must exist ({@code NotFoundException}
 * otherwise). Thread-safe.
 */
public final class PostRepository {

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

  private final TableRepository<PostsRecord, Integer> posts;

  public PostRepository(DrydockDatabase db) {
    this(db.<PostsRecord, Integer>repository(POSTS));
  }

  public PostRepository(DSLContext dsl) {
    this(TableRepository.<PostsRecord, Integer>of(dsl, POSTS));
  }

  private PostRepository(TableRepository<PostsRecord, Integer> posts) {
    this.posts = posts;
  }

  /** The same repository over another context, e.g. a transaction's. */
  public PostRepository using(DSLContext tx) {
    return new PostRepository(posts.using(tx));
  }

  /** Inserts a post with the fields set on {@code post}; returns the row with its defaults. */
  public PostsRecord create(PostsRecord post) {
    return posts.create(post);
  }

  /** Inserts a post from its required fields. */
  public PostsRecord create(int authorId, String title) {
    return create(new PostsRecord().setAuthorId(authorId).setTitle(title));
  }

  /** Inserts many posts in multi-row INSERTs; returns the rows in the order given. */
  public List<PostsRecord> createAll(List<PostsRecord> batch) {
    return posts.createMany(batch);
  }

  public Optional<PostsRecord> findById(int id) {
    return posts.findById(id);
  }

  /** Posts matching {@code filter}, ordered by id, one keyset page at a time. */
  public Page<PostsRecord, Integer> list(PostFilter filter, PageRequest<Integer> page) {
    return Cursors.by(posts, POSTS.ID, filter.condition(), page);
  }

  /** The posts of an author, by id. */
  public List<PostsRecord> byAuthor(int authorId) {
    return posts.findAllBy(Keys.POSTS__POSTS_AUTHOR_ID_FKEY, authorId);
  }

  /**
   * Optimistic update of the fields changed on {@code post}.
   *
   * @throws NotFoundException if no post has this id, or the new author does not exist
   * @throws dev.drydock.dao.error.StaleVersionException if the post changed since it was read
   */
  public PostsRecord update(PostsRecord post) {
    return posts.update(post);
  }

  /**
   * Deletes a post (and its tag links, by cascade).
   *
   * @throws NotFoundException if no post has this id
   */
  public void delete(int id) {
    posts.deleteById(id);
  }

  /** Deletes all posts of an author; returns how many. */
  public int deleteByAuthor(int authorId) {
    return posts.dsl().deleteFrom(POSTS).where(POSTS.AUTHOR_ID.eq(authorId)).execute();
  }

  /** Inserts the post, or if a post with its id exists, overwrites the fields it set. */
  public PostsRecord upsert(PostsRecord post) {
    return posts.upsert(post);
  }

  /** A post with its tags (ordered by name), in one query ({@code MULTISET}). */
  public Optional<PostWithTags> findWithTags(int id) {
    return posts
        .dsl()
        .select(POSTS, TAGS_OF_POST)
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
