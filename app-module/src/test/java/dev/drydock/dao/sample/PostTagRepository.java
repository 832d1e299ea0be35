package dev.drydock.dao.sample;

import static dev.drydock.generated.Tables.POST_TAGS;
import static org.jooq.impl.DSL.row;

import dev.drydock.dao.DrydockDatabase;
import dev.drydock.dao.TableRepository;
import dev.drydock.dao.error.NotFoundException;
import dev.drydock.dao.repository.Page;
import dev.drydock.dao.repository.PageRequest;
import dev.drydock.generated.tables.records.PostTagsRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep2;
import org.jooq.Record2;

/**
 * The sample's {@code post_tags}, the links between posts and tags, over {@link TableRepository}
 * with its composite key ({@code Record2<Integer, Integer>}). A link is its key: there is nothing
 * to update. Thread-safe.
 */
public final class PostTagRepository {

  private final TableRepository<PostTagsRecord, Record2<Integer, Integer>> links;
  private final DSLContext dsl;

  public PostTagRepository(DrydockDatabase db) {
    this(db.<PostTagsRecord, Record2<Integer, Integer>>repository(POST_TAGS));
  }

  public PostTagRepository(DSLContext dsl) {
    this(TableRepository.<PostTagsRecord, Record2<Integer, Integer>>of(dsl, POST_TAGS));
  }

  private PostTagRepository(TableRepository<PostTagsRecord, Record2<Integer, Integer>> links) {
    this.links = links;
    this.dsl = links.dsl();
  }

  /** The same repository over another context, e.g. a transaction's. */
  public PostTagRepository using(DSLContext tx) {
    return new PostTagRepository(links.using(tx));
  }

  private Record2<Integer, Integer> key(int postId, int tagId) {
    return dsl.newRecord(POST_TAGS.POST_ID, POST_TAGS.TAG_ID).values(postId, tagId);
  }

  /**
   * Links a tag to a post.
   *
   * @throws NotFoundException if the post or the tag does not exist
   * @throws dev.drydock.dao.error.ConflictException if they are already linked
   */
  public PostTagsRecord create(int postId, int tagId) {
    return links.create(new PostTagsRecord().setPostId(postId).setTagId(tagId));
  }

  /**
   * Links a tag to a post unless already linked ({@code ON CONFLICT DO NOTHING}); returns whether a
   * link was added.
   *
   * @throws NotFoundException if the post or the tag does not exist
   */
  public boolean upsert(int postId, int tagId) {
    return dsl.insertInto(POST_TAGS)
            .set(POST_TAGS.POST_ID, postId)
            .set(POST_TAGS.TAG_ID, tagId)
            .onConflictDoNothing()
            .execute()
        == 1;
  }

  /** Links many tags to one post in one statement, skipping links that exist; returns how many. */
  public int createAll(int postId, List<Integer> tagIds) {
    if (tagIds.isEmpty()) {
      return 0;
    }
    InsertValuesStep2<PostTagsRecord, Integer, Integer> insert =
        dsl.insertInto(POST_TAGS, POST_TAGS.POST_ID, POST_TAGS.TAG_ID);
    for (Integer tagId : tagIds) {
      insert = insert.values(postId, tagId);
    }
    return insert.onConflictDoNothing().execute();
  }

  /** Whether the post has the tag. */
  public boolean exists(int postId, int tagId) {
    return links.exists(key(postId, tagId));
  }

  /**
   * Links matching the filters ({@code null}: any), ordered by (post, tag), keyset-paginated with
   * the last link of a page as the cursor.
   */
  public Page<PostTagsRecord, PostTagsRecord> list(
      Integer postId, Integer tagId, PageRequest<PostTagsRecord> page) {
    var query = dsl.selectFrom(POST_TAGS).where(POST_TAGS.POST_ID.isNotNull());
    if (postId != null) {
      query = query.and(POST_TAGS.POST_ID.eq(postId));
    }
    if (tagId != null) {
      query = query.and(POST_TAGS.TAG_ID.eq(tagId));
    }
    if (page.after() != null) {
      query =
          query.and(
              row(POST_TAGS.POST_ID, POST_TAGS.TAG_ID)
                  .gt(page.after().getPostId(), page.after().getTagId()));
    }
    List<PostTagsRecord> rows =
        new ArrayList<>(
            query.orderBy(POST_TAGS.POST_ID, POST_TAGS.TAG_ID).limit(page.limit() + 1).fetch());
    if (rows.size() <= page.limit()) {
      return new Page<>(rows, Optional.empty());
    }
    List<PostTagsRecord> items = rows.subList(0, page.limit());
    return new Page<>(items, Optional.of(items.get(page.limit() - 1)));
  }

  /**
   * Unlinks a tag from a post.
   *
   * @throws NotFoundException if they were not linked
   */
  public void delete(int postId, int tagId) {
    links.deleteById(key(postId, tagId));
  }
}
