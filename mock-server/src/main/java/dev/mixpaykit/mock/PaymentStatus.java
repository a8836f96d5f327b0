package dev.mixpaykit.mock;

/**
 * The states a payment on the mock goes through, named on the wire as MixPay names them:
 * {@code unpaid} → {@code pending} / {@code paid_less} → {@code success} | {@code failed}.
 */
public enum PaymentStatus {
  UNPAID("unpaid"),
  PENDING("pending"),
  PAID_LESS("paid_less"),
  SUCCESS("success"),
  FAILED("failed");

  private final String wireName;

  PaymentStatus(String wireName) {
    this.wireName = wireName;
  }

  /** The value of {@code data.status} in {@code GET /v1/payments_result}, e.g. {@code paid_less}. */
  public String wireName() {
    return wireName;
  }

  /** True for {@code success} and {@code failed}: the payment can change no more. */
  public boolean isFinal() {
    return this == SUCCESS || this == FAILED;
  }

  @Override
  public String toString() {
    return wireName;
  }
}
