package it.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jooq.JSONB;
import org.jooq.impl.AbstractConverter;

/** events.payload as a {@link Payload}, through Jackson. */
public class PayloadConverter extends AbstractConverter<JSONB, Payload> {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public PayloadConverter() {
    super(JSONB.class, Payload.class);
  }

  @Override
  public Payload from(JSONB json) {
    try {
      return json == null ? null : MAPPER.readValue(json.data(), Payload.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("events.payload: " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public JSONB to(Payload payload) {
    try {
      return payload == null ? null : JSONB.valueOf(MAPPER.writeValueAsString(payload));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
