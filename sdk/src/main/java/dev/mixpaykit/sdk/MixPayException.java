package dev.mixpaykit.sdk;

/**
 * Base of every exception the SDK throws. Unchecked: catch the subclass you can act on.
 *
 * <ul>
 *   <li>{@link MixPayValidationException}: the request broke the spec; nothing was sent.
 *   <li>{@link MixPayApiException}: MixPay answered with an error envelope; see its
 *       {@link MixPayApiException#code() code}.
 *   <li>{@link MixPayTransportException}: no usable answer (timeout, connection failure, a body
 *       that is not a MixPay envelope).
 * </ul>
 */
public abstract class MixPayException extends RuntimeException {

  MixPayException(String message, Throwable cause) {
    super(message, cause);
  }
}
