package dev.mixpaykit.sdk;

/** The payment's state forbids the request: the identifier was used with other parameters or its payment finished (10020), or the trace expired (10065). */
public final class MixPayConflictException extends MixPayApiException {

  MixPayConflictException(int code, String mixPayMessage, int httpStatus, Long timestampMs, String rawBody) {
    super(code, mixPayMessage, httpStatus, timestampMs, rawBody);
  }
}
