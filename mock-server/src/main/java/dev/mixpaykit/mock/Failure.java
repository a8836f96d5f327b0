package dev.mixpaykit.mock;

import java.util.Objects;

/**
 * Why a payment failed: MixPay's failure code and reason, as {@code GET /v1/payments_result}
 * reports them in {@code failureCode} (a string on the wire) and {@code failureReason}.
 *
 * @param code a positive failure code, e.g. 40000
 * @param reason MixPay's human text, e.g. "Payment overtime"; may be empty
 */
public record Failure(int code, String reason) {

  /** The deadline passed before anything was paid (40000). */
  public static final Failure OVERTIME = new Failure(40000, "Payment overtime");
  /** The payer paid with an asset the payment does not take (40020). */
  public static final Failure WRONG_ASSET = new Failure(40020, "Wrong asset");
  /** Less than the price had arrived at the deadline (40024). */
  public static final Failure UNDERPAID = new Failure(40024, "Underpaid at the deadline");
  /** The payment was cancelled (40032). */
  public static final Failure CANCELLED = new Failure(40032, "Cancelled");

  public Failure {
    if (code <= 0) {
      throw new IllegalArgumentException("a failure code is positive (0 means no failure)");
    }
    Objects.requireNonNull(reason, "reason");
  }
}
