/**
 * Compatibility checks of migrations against a target engine ({@code dev.drydock.engine}): typed
 * {@link dev.drydock.compat.Finding}s from the migrations' statements, their transactions, and the
 * catalog of the migrated throwaway. Shown by {@code drydock check --target}; each rule has an id,
 * so it can become a lint rule as it is.
 */
package dev.drydock.compat;
