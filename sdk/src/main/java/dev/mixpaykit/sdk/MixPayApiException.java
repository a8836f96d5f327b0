package dev.mixpaykit.sdk;

import java.time.Instant;
import java.util.Optional;

/**
 * MixPay refused the request with an error envelope, either as HTTP 4xx/5xx or as HTTP 200
 * with {@code "success": false}. Branch on {@link #code()} or {@link #errorCode()}; the message
 * is MixPay's diagnostic text and may change.
 *
 * <p>Subclasses group the codes by what a caller can do: {@link MixPayRequestException} (fix
 * the request), {@link MixPayConflictException} (the payment's state forbids it),
 * {@link MixPayRateLimitException} (wait), {@link MixPayServerException} (retry later).
 */
public class MixPayApiException extends MixPayException {

  private final int code;
  private final String mixPayMessage;
  private final int httpStatus;
  private final Long timestampMs;
  private final String rawBody;

  MixPayApiException(int code, String mixPayMessage, int httpStatus, Long timestampMs,
      String rawBody) {
    super("MixPay error " + code + " (HTTP " + httpStatus + "): " + mixPayMessage, null);
    this.code = code;
    this.mixPayMessage = mixPayMessage;
    this.httpStatus = httpStatus;
    this.timestampMs = timestampMs;
    this.rawBody = rawBody;
  }

  /** MixPay's error code, e.g. 1017. */
  public int code() {
    return code;
  }

  /** The code as a catalogued constant; empty for a code the spec does not list. */
  public Optional<ErrorCode> errorCode() {
    return ErrorCode.of(code);
  }

  /** MixPay's {@code message}, as sent. */
  public String mixPayMessage() {
    return mixPayMessage;
  }

  /** The HTTP status of the answer (200 when MixPay signalled the error in the body only). */
  public int httpStatus() {
    return httpStatus;
  }

  /** MixPay's {@code timestampMs}, or null when the envelope had none. */
  public Long timestampMs() {
    return timestampMs;
  }

  /** {@link #timestampMs()} as an instant, or null. */
  public Instant serverTime() {
    return timestampMs == null ? null : Instant.ofEpochMilli(timestampMs);
  }

  /** The answer's body, unchanged. */
  public String rawBody() {
    return rawBody;
  }
}
