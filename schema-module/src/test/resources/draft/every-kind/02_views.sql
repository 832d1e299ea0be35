CREATE VIEW active_users AS
    SELECT id, name, email, nickname FROM users WHERE is_active;

CREATE VIEW recent_posts AS
    SELECT id, title FROM posts WHERE created_at > now() - interval '7 days';

CREATE MATERIALIZED VIEW post_counts AS
    SELECT author_id, count(*) AS posts, max(created_at) AS last_post FROM posts GROUP BY author_id;
CREATE UNIQUE INDEX post_counts_author_idx ON post_counts (author_id);
