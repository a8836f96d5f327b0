package dev.mixpaykit.sdk;

import java.util.OptionalInt;

/**
 * No usable answer: the connection failed or was reset, or the answer was not a MixPay
 * envelope (empty, truncated, HTML from a proxy). Whether MixPay acted is unknown; a request
 * with an orderId or traceId is safe to send again.
 */
public class MixPayTransportException extends MixPayException {

  private final int httpStatus;
  private final String rawBody;

  MixPayTransportException(String message, int httpStatus, String rawBody, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.rawBody = rawBody;
  }

  /** The HTTP status, when an answer arrived. */
  public OptionalInt httpStatus() {
    return httpStatus > 0 ? OptionalInt.of(httpStatus) : OptionalInt.empty();
  }

  /** The answer's body when one arrived, else null. */
  public String rawBody() {
    return rawBody;
  }
}
