package dev.drydock.diff.report;

import java.util.List;

/** What the diff does not look at; reports list these so nothing is silently skipped. */
public final class NotCompared {

  private NotCompared() {}

  /** One entry per family of objects or properties that are never compared. */
  public static final List<String> ITEMS =
      List.of(
          "object owners",
          "column, function, schema, type and default privileges (table, view and sequence"
              + " privileges are compared)",
          "extension versions",
          "composite, range and base types",
          "aggregates, operators, casts, collations and text search objects",
          "rules, event triggers, statistics objects",
          "foreign tables, servers, publications and subscriptions",
          "tablespaces and storage parameters of indexes",
          "column order and view column comments",
          "sequence current values and table data",
          "roles");
}
