package dev.mixpaykit.sdk;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link PaymentVerifier}: whether the order may be fulfilled and, if not, why.
 * Immutable. Branch on {@link #reason()}; {@link #detail()} is for logs.
 */
public final class PaymentVerification {

  /** Why an order was or was not verified. */
  public enum Reason {
    /** MixPay says {@code success} for the order's own payment, payee, amount and asset. */
    VERIFIED,
    /** The callback body is not a MixPay callback (not JSON, wrong types, no payee). */
    MALFORMED_CALLBACK,
    /** The callback names another order, payee or payment than the one given. */
    NOT_THIS_ORDER,
    /** MixPay knows no payment for the order's identifiers (404). */
    PAYMENT_NOT_FOUND,
    /** The payment exists but is not {@code success} (yet): see {@link #result()}. */
    NOT_PAID,
    /** MixPay's answer names another payment (traceId) than the order's. */
    PAYMENT_MISMATCH,
    /** The payment is for another payee. */
    PAYEE_MISMATCH,
    /** The payment's {@code quoteAmount} is not the order's. */
    AMOUNT_MISMATCH,
    /** The payment's {@code quoteAssetId} is not the order's. */
    ASSET_MISMATCH,
    /**
     * MixPay could not be asked (unreachable, timed out, refused the query): nothing is known.
     * Answer the callback with a non-200 status so that MixPay sends it again later.
     */
    LOOKUP_FAILED;
  }

  private final Reason reason;
  private final String detail;
  private final PaymentResult result;
  private final MixPayException failure;

  private PaymentVerification(Reason reason, String detail, PaymentResult result,
      MixPayException failure) {
    this.reason = Objects.requireNonNull(reason, "reason");
    this.detail = Objects.requireNonNull(detail, "detail");
    this.result = result;
    this.failure = failure;
  }

  static PaymentVerification verified(PaymentResult result) {
    return new PaymentVerification(Reason.VERIFIED, "paid in full", result, null);
  }

  static PaymentVerification refused(Reason reason, String detail, PaymentResult result) {
    return new PaymentVerification(reason, detail, result, null);
  }

  static PaymentVerification failed(Reason reason, String detail, MixPayException failure) {
    return new PaymentVerification(reason, detail, null, failure);
  }

  /** True only when the order may be fulfilled. */
  public boolean verified() {
    return reason == Reason.VERIFIED;
  }

  /** Why; {@link Reason#VERIFIED} when verified. */
  public Reason reason() {
    return reason;
  }

  /** The reason in words, e.g. {@code quoteAmount is 9.99, not 10}; never null. */
  public String detail() {
    return detail;
  }

  /** What MixPay answered for the order, when it was asked and answered. */
  public Optional<PaymentResult> result() {
    return Optional.ofNullable(result);
  }

  /** The exception behind {@link Reason#LOOKUP_FAILED} or {@link Reason#PAYMENT_NOT_FOUND}. */
  public Optional<MixPayException> failure() {
    return Optional.ofNullable(failure);
  }

  @Override
  public String toString() {
    return "PaymentVerification{" + reason + ": " + detail + "}";
  }
}
