package dev.mixpaykit.mock.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.time.Clock;
import java.util.List;

/**
 * MixPay's envelopes, written with Jackson: {@code {"code","success","message","data",
 * "timestampMs"}}. Error envelopes carry the catalogue's message, then what exactly was wrong,
 * under the status the {@link ErrorStyle} chooses.
 */
public final class Envelopes {

  /** An answer ready to send. */
  public record Answer(int status, String json) {}

  record Envelope(int code, boolean success, String message, Object data, long timestampMs) {}

  private static final ObjectWriter WRITER = RequestBody.MAPPER.writerFor(Envelope.class);

  private final ErrorCatalogue catalogue;
  private final ErrorStyle style;
  private final Clock clock;

  public Envelopes(ErrorCatalogue catalogue, ErrorStyle style, Clock clock) {
    this.catalogue = catalogue;
    this.style = style;
    this.clock = clock;
  }

  public ErrorCatalogue catalogue() {
    return catalogue;
  }

  /** {@code code} 0, {@code success} true, this {@code data}. */
  public Answer success(Object data) {
    return new Answer(200, write(new Envelope(0, true, "", data, clock.millis())));
  }

  /**
   * The catalogue's envelope for {@code code}; {@code detail} (no final period) follows the
   * catalogue's message when given.
   */
  public Answer error(int code, String detail) {
    ErrorCatalogue.Entry entry = catalogue.get(code);
    String message = detail == null ? entry.message() : entry.message() + " " + detail + ".";
    return new Answer(style.status(entry.httpStatus()),
        write(new Envelope(code, false, message, List.of(), clock.millis())));
  }

  private static String write(Envelope envelope) {
    try {
      return WRITER.writeValueAsString(envelope);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an envelope could not be written", e);
    }
  }
}
