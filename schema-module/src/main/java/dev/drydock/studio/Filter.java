package dev.drydock.studio;

import java.util.Locale;
import java.util.Objects;

/**
 * One condition on a column of the rows grid; several are combined with AND.
 *
 * @param value the operand as text (cast to the column's type); unused by {@link Operator#IS_NULL}
 */
public record Filter(String column, Operator operator, String value) {

  public Filter {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(operator, "operator");
    if (operator != Operator.IS_NULL && operator != Operator.NOT_NULL && value == null) {
      throw new StudioException(400, "bad_request", "Filter on " + column + " needs a value");
    }
  }

  /** The comparisons the grid offers. */
  public enum Operator {
    EQ("="),
    NE("<>"),
    LT("<"),
    GT(">"),
    CONTAINS("contains"),
    IS_NULL("is null"),
    NOT_NULL("is not null");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    /** {@code eq}, {@code contains}, {@code is_null}, ... as the API spells them. */
    public static Operator parse(String name) {
      try {
        return valueOf(name.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new StudioException(
            400,
            "bad_request",
            "Unknown filter operator "
                + name
                + " (expected eq, ne, lt, gt, contains, is_null, not_null)");
      }
    }
  }
}
