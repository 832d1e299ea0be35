-- Seed schema: users, posts, tags and the post_tags join table.

CREATE TYPE status AS ENUM ('pending', 'active', 'archived');

CREATE TABLE users (
    id           serial PRIMARY KEY,
    name         text         NOT NULL,
    email        varchar(255) NOT NULL,
    age          integer,
    is_active    boolean      DEFAULT true,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    updated_at   timestamptz,
    lock_version integer      NOT NULL DEFAULT 0,
    CONSTRAINT unique_email UNIQUE (email)
);

CREATE INDEX name_idx ON users (name);

CREATE TABLE posts (
    id           serial PRIMARY KEY,
    title        text        NOT NULL,
    content      text,
    author_id    integer     NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz,
    status       status      NOT NULL DEFAULT 'pending',
    metadata     jsonb,
    lock_version integer     NOT NULL DEFAULT 0
);

CREATE INDEX posts_author_id_idx ON posts (author_id);

CREATE TABLE tags (
    id   serial PRIMARY KEY,
    name text NOT NULL,
    CONSTRAINT tags_name_key UNIQUE (name)
);

CREATE TABLE post_tags (
    post_id integer NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    tag_id  integer NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (post_id, tag_id)
);

CREATE INDEX post_tags_tag_id_idx ON post_tags (tag_id);
