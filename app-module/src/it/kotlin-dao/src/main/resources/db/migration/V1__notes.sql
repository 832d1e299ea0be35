-- A Kotlin team's schema: an identity key, optimistic locking, a unique email, a foreign key.
CREATE TABLE authors (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email        text        NOT NULL UNIQUE,
    name         text        NOT NULL,
    bio          text,
    updated_at   timestamptz,
    lock_version integer     NOT NULL DEFAULT 0
);

CREATE TABLE notes (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    author_id bigint NOT NULL REFERENCES authors (id),
    body      text   NOT NULL
);
