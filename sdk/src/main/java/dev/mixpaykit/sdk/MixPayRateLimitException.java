package dev.mixpaykit.sdk;

import java.time.Duration;
import java.util.Optional;

/** Too many requests (1429): MixPay allows 60 a minute. Wait {@link #retryAfter()}. */
public final class MixPayRateLimitException extends MixPayApiException {

  private final Duration retryAfter;

  MixPayRateLimitException(int code, String mixPayMessage, int httpStatus, Long timestampMs,
      String rawBody, Duration retryAfter) {
    super(code, mixPayMessage, httpStatus, timestampMs, rawBody);
    this.retryAfter = retryAfter;
  }

  /** The answer's {@code Retry-After}, when it had one. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
