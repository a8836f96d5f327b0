package dev.mixpaykit.sdk;

import java.util.Locale;
import java.util.Objects;

/**
 * A payment's {@code status}. The known values are constants; MixPay may send others, which are
 * kept as they came ({@link #isKnown()} is false) and are never final.
 */
public final class PaymentStatus {

  public static final PaymentStatus UNPAID = new PaymentStatus("unpaid", true);
  public static final PaymentStatus PENDING = new PaymentStatus("pending", true);
  public static final PaymentStatus CONFIRMING = new PaymentStatus("confirming", true);
  public static final PaymentStatus PAID_LESS = new PaymentStatus("paid_less", true);
  public static final PaymentStatus AUDITING = new PaymentStatus("auditing", true);
  public static final PaymentStatus SUCCESS = new PaymentStatus("success", true);
  public static final PaymentStatus FAILED = new PaymentStatus("failed", true);

  private static final PaymentStatus[] KNOWN = {UNPAID, PENDING, CONFIRMING, PAID_LESS, AUDITING,
      SUCCESS, FAILED};

  private final String value;
  private final boolean known;

  private PaymentStatus(String value, boolean known) {
    this.value = value;
    this.known = known;
  }

  /** The status for a value as MixPay sent it; never null, whatever the value. */
  public static PaymentStatus of(String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    for (PaymentStatus s : KNOWN) {
      if (s.value.equals(v)) {
        return s;
      }
    }
    return new PaymentStatus(v, false);
  }

  /** The value as MixPay sends it, e.g. {@code paid_less}. */
  public String value() {
    return value;
  }

  public boolean isKnown() {
    return known;
  }

  /** Only {@code success} and {@code failed} are final. */
  public boolean isFinal() {
    return this == SUCCESS || this == FAILED;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PaymentStatus s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
