/**
 * Drydock's DAO library for backend applications: {@link dev.drydock.dao.DrydockDatabase} turns a
 * {@link javax.sql.DataSource} into a configured jOOQ {@link org.jooq.DSLContext} (PostgreSQL
 * errors translated to {@link dev.drydock.dao.error domain exceptions}, optimistic locking on) and
 * the {@link dev.drydock.dao.repository typed repositories}; {@link dev.drydock.dao.tx} retries
 * transactional units of work. Nothing here depends on the build-time toolkit (schema-module).
 *
 * <p>Null-marked (JSpecify): nothing here takes or returns {@code null} unless annotated
 * {@code @Nullable}; Kotlin sees the types as they are meant.
 */
@NullMarked
package dev.drydock.dao;

import org.jspecify.annotations.NullMarked;
