-- uuidv7() is new in PostgreSQL 18: this only applies on the version the build asks for
create table events (
    id   uuid primary key default uuidv7(),
    name text not null
);
