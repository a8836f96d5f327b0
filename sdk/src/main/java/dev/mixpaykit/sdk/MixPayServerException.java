package dev.mixpaykit.sdk;

/** MixPay failed (-1) or is in maintenance (10008). A request with an orderId or traceId may be sent again later. */
public final class MixPayServerException extends MixPayApiException {

  MixPayServerException(int code, String mixPayMessage, int httpStatus, Long timestampMs, String rawBody) {
    super(code, mixPayMessage, httpStatus, timestampMs, rawBody);
  }
}
