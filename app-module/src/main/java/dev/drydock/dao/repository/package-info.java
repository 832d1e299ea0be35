/**
 * Typed repositories over the generated schema, written with jOOQ's DSL: one SQL statement per
 * method, returning generated records (attached, so {@code store()} works on them too). Optimistic
 * updates check and bump {@code lock_version} and set {@code updated_at} in the same statement;
 * lists are keyset-paginated ({@link dev.drydock.dao.repository.PageRequest}); a user with their
 * posts is one {@code LEFT JOIN}, a post with its tags one {@code MULTISET}. The hot statements
 * (create, find by id, update, batch insert, user with posts) render their SQL once and run it with
 * JDBC ({@code DirectStatement}) unless the context has application execute listeners or is marked
 * with {@link dev.drydock.dao.repository.DirectExecution#disable}. Use {@code using(tx)} to run a
 * repository inside a transaction.
 */
package dev.drydock.dao.repository;
