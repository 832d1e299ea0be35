package dev.drydock.compat;

/**
 * A construct found in the catalog of the migrated throwaway, whatever syntax created it: a query
 * returning one row (one text column naming the object) per object the engine refuses.
 */
public record CatalogRule(
    String id,
    Severity severity,
    String query,
    String construct,
    String limit,
    String link,
    String alternative) {}
