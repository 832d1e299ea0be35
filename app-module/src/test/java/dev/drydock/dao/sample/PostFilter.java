package dev.drydock.dao.sample;

import static dev.drydock.generated.Tables.POSTS;

import dev.drydock.generated.enums.Status;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * Filters of {@link PostRepository#list}: every set filter must hold. Immutable; start from {@link
 * #all()}.
 *
 * @param authorId posts of this author (uses {@code posts_author_id_idx}), if set
 * @param status posts in this status, if set
 */
public record PostFilter(Integer authorId, Status status) {

  private static final PostFilter ALL = new PostFilter(null, null);

  public static PostFilter all() {
    return ALL;
  }

  public PostFilter withAuthor(int authorId) {
    return new PostFilter(authorId, status);
  }

  public PostFilter withStatus(Status status) {
    return new PostFilter(authorId, status);
  }

  Condition condition() {
    List<Condition> c = new ArrayList<>(2);
    if (authorId != null) {
      c.add(POSTS.AUTHOR_ID.eq(authorId));
    }
    if (status != null) {
      c.add(POSTS.STATUS.eq(status));
    }
    return DSL.and(c);
  }
}
