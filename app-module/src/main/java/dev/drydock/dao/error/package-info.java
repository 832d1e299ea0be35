/**
 * Domain exceptions and the one SQLState table ({@code SqlStateTable}) they come from: {@link
 * dev.drydock.dao.error.ConflictException}, {@link dev.drydock.dao.error.NotFoundException}, {@link
 * dev.drydock.dao.error.InvalidInputException} and the retryable {@link
 * dev.drydock.dao.error.UnavailableException}, all keeping the driver's {@link
 * java.sql.SQLException} as cause and exposing the server's SQLState, constraint, table, column and
 * detail. {@link dev.drydock.dao.error.TranslatingExecuteListener} applies the table to every jOOQ
 * statement.
 */
package dev.drydock.dao.error;
