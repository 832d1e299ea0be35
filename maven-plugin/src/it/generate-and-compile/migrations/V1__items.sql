create type color as enum ('red', 'green');

create table items (
    id           serial primary key,
    color        color   not null default 'red',
    lock_version integer not null default 0
);
