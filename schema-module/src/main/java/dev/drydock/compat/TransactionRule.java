package dev.drydock.compat;

/**
 * A limit on what one migration transaction may hold (a migration runs in one transaction unless
 * its {@code .conf} says {@code executeInTransaction=false}).
 */
public record TransactionRule(
    String id, Severity severity, String limit, String link, String alternative) {}
