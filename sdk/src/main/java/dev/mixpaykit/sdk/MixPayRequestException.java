package dev.mixpaykit.sdk;

/** The request is wrong (parameter errors, unknown payee, unsupported asset, amount out of range, callback not HTTPS, deadline outside its window): fix it before sending it again. */
public final class MixPayRequestException extends MixPayApiException {

  MixPayRequestException(int code, String mixPayMessage, int httpStatus, Long timestampMs, String rawBody) {
    super(code, mixPayMessage, httpStatus, timestampMs, rawBody);
  }
}
