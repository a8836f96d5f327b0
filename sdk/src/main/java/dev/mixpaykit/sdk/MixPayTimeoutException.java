package dev.mixpaykit.sdk;

/** No answer within the client's request timeout (or the connect timeout). */
public final class MixPayTimeoutException extends MixPayTransportException {

  MixPayTimeoutException(String message, Throwable cause) {
    super(message, 0, null, cause);
  }
}
