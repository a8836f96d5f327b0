package dev.mixpaykit.sdk;

/**
 * State changes a payment's callback can be asked for beside {@code success} and {@code fail},
 * which are always sent (the request's {@code callbackEvent}).
 */
public enum CallbackEvent {
  /** The payee has been paid. */
  SETTLE("settle"),
  /** A payment was seen and awaits confirmation. */
  PENDING("pending"),
  /** Less than the price arrived. */
  PAID_LESS("paid_less");

  private final String value;

  CallbackEvent(String value) {
    this.value = value;
  }

  /** The value on the wire. */
  public String value() {
    return value;
  }
}
