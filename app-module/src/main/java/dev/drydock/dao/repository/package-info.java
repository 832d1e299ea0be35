/**
 * Typed repositories over the generated schema, written with jOOQ's DSL: one SQL statement per
 * method, returning generated records (attached, so {@code store()} works on them too). Optimistic
 * updates check and bump {@code lock_version} and set {@code updated_at} in the same statement;
 * lists are keyset-paginated ({@link dev.drydock.dao.repository.PageRequest}); relational reads use
 * {@code MULTISET}. Use {@code using(tx)} to run a repository inside a transaction.
 */
package dev.drydock.dao.repository;
