/**
 * The machinery behind {@link dev.drydock.dao.TableRepository}, for any generated table: what a
 * repository reads from jOOQ's metadata ({@link dev.drydock.dao.repository.TableModel}: primary
 * key, record version and timestamp fields), its hot statements ({@link
 * dev.drydock.dao.repository.TableStatements}: insert returning the row, multi-row insert, find by
 * a unique key, the one-statement optimistic update that tells a stale version from a missing row),
 * keyset pages ({@link dev.drydock.dao.repository.PageRequest}, {@link
 * dev.drydock.dao.repository.Page}, {@link dev.drydock.dao.repository.Keyset}). The hot statements
 * render their SQL once and run it with JDBC, reading rows straight into records ({@code
 * DirectStatement}), unless the context has application execute listeners or is marked with {@link
 * dev.drydock.dao.repository.DirectExecution#disable}.
 */
package dev.drydock.dao.repository;
