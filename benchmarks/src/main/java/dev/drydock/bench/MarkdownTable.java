package dev.drydock.bench;

import java.util.ArrayList;
import java.util.List;

/** A Markdown table: a header row, the separator, then rows of cells ({@code | a | b |}). */
final class MarkdownTable {
  private final int columns;
  private final StringBuilder text = new StringBuilder();

  private MarkdownTable(List<String> header) {
    this.columns = header.size();
    appendRow(header);
    text.append("|").append("---|".repeat(columns)).append('\n');
  }

  static MarkdownTable of(String... header) {
    return new MarkdownTable(List.of(header));
  }

  /** Adds a row; cells are written as given ({@code |} inside a cell must be escaped). */
  MarkdownTable row(Object... cells) {
    if (cells.length != columns) {
      throw new IllegalArgumentException(
          "a row of " + cells.length + " cells in a table of " + columns + " columns");
    }
    List<String> strings = new ArrayList<>();
    for (Object cell : cells) {
      strings.add(String.valueOf(cell));
    }
    appendRow(strings);
    return this;
  }

  private void appendRow(List<String> cells) {
    text.append("| ").append(String.join(" | ", cells)).append(" |\n");
  }

  /** The table, each line ending in a newline. */
  @Override
  public String toString() {
    return text.toString();
  }
}
