package dev.drydock.generated.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.regex.Pattern;
import org.jooq.JSONB;
import org.jooq.exception.DataTypeException;
import org.jooq.impl.AbstractConverter;

/**
 * A {@code jsonb} column as a Java type, through Jackson: what jOOQ's generator puts on the column
 * by a forced type whose {@code <converter>} is the expression {@code new
 * dev.drydock.generated.json.JsonbConverter<>(PostMetadata.class, "posts.metadata")}.
 *
 * <p>Strict: a stored document with a property the type lacks, or a value of another JSON type,
 * does not read (nothing is dropped silently). It fails with a {@link DataTypeException} whose
 * message names the column and the JSON path, e.g. {@code posts.metadata: stored jsonb does not map
 * to PostMetadata at $.key: ...}. Immutable and thread-safe.
 *
 * @param <T> the Java type of the column
 */
public class JsonbConverter<T> extends AbstractConverter<JSONB, T> {

  private static final long serialVersionUID = 1L;

  /** Jackson's defaults: unknown properties fail, records map through their constructor. */
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  /**
   * The mapper's reader per Java type: it resolves the type and its deserializer once, where {@code
   * MAPPER.readValue(text, type)} looks both up on every value (a measurable share of reading a
   * row). Same configuration, same results and failures.
   */
  private static final ClassValue<ObjectReader> READERS =
      new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
          return MAPPER.readerFor(type);
        }
      };

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

  private final String column;

  /**
   * @param type the Java type the column's documents map to
   * @param column the column as {@code table.column}, named in failures
   */
  public JsonbConverter(Class<T> type, String column) {
    super(JSONB.class, type);
    if (column == null || column.isBlank()) {
      throw new IllegalArgumentException("column must be named as table.column, got: " + column);
    }
    this.column = column;
  }

  /** The column as {@code table.column}. */
  public String column() {
    return column;
  }

  @Override
  public T from(JSONB stored) {
    if (stored == null) {
      return null;
    }
    try {
      return READERS.get(toType()).readValue(stored.data());
    } catch (JsonMappingException e) {
      throw new DataTypeException(
          column
              + ": stored jsonb does not map to "
              + toType().getSimpleName()
              + " at "
              + jsonPath(e.getPath())
              + ": "
              + e.getOriginalMessage(),
          e);
    } catch (JsonProcessingException e) {
      throw new DataTypeException(
          column + ": stored jsonb is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public JSONB to(T value) {
    if (value == null) {
      return null;
    }
    try {
      return JSONB.valueOf(MAPPER.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new DataTypeException(
          column
              + ": cannot write "
              + toType().getSimpleName()
              + " as jsonb at "
              + jsonPath(e instanceof JsonMappingException m ? m.getPath() : List.of())
              + ": "
              + e.getOriginalMessage(),
          e);
    }
  }

  /**
   * Jackson's path reference ({@link JsonMappingException#getPathReference()}) as a JSON path:
   * {@code $} for the document, {@code $.key} for a property ({@code $['a b']} when the name is not
   * an identifier), {@code $[0]} for an array element.
   */
  static String jsonPath(List<JsonMappingException.Reference> path) {
    StringBuilder out = new StringBuilder("$");
    for (JsonMappingException.Reference step : path) {
      String name = step.getFieldName();
      if (name != null && IDENTIFIER.matcher(name).matches()) {
        out.append('.').append(name);
      } else if (name != null) {
        out.append("['").append(name.replace("\\", "\\\\").replace("'", "\\'")).append("']");
      } else if (step.getIndex() >= 0) {
        out.append('[').append(step.getIndex()).append(']');
      }
    }
    return out.toString();
  }
}
