package dev.mixpaykit.sdk;

import dev.mixpaykit.sdk.PaymentVerification.Reason;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Decides whether an order may be fulfilled after a callback. MixPay's callbacks are unsigned:
 * anyone can POST one, naming any payment. So the callback only says <em>which order</em> to
 * look at; the payment is then looked up by the order's own identifiers (its traceId, else its
 * payeeId and orderId), never by identifiers taken from the callback, and MixPay's answer must
 * name the order's payment, payee, amount and asset with status {@code success}.
 *
 * <p>Nothing a caller sends can make it throw: a body that is not a callback, a callback for
 * another order, a garbled identifier all come back as a {@link PaymentVerification} that is
 * not verified, with a {@link Reason}. Failing to reach MixPay is {@link Reason#LOOKUP_FAILED}.
 *
 * <pre>{@code
 * PaymentVerifier verifier = new PaymentVerifier(mixpay);
 * PaymentVerification v = verifier.verify(requestBody, order); // order: the request you sent
 * }</pre>
 */
public final class PaymentVerifier {

  private final MixPayClient client;

  /** A verifier asking MixPay through this client. */
  public PaymentVerifier(MixPayClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * Verifies a callback body, as received, against the order it claims to be for.
   *
   * @param callbackBody the raw body; anything at all
   * @param order the request this order's payment was created with
   */
  public PaymentVerification verify(String callbackBody, OneTimePaymentRequest order) {
    PaymentCallback callback;
    try {
      callback = PaymentCallback.parse(callbackBody);
    } catch (IllegalArgumentException e) {
      return PaymentVerification.refused(Reason.MALFORMED_CALLBACK, e.getMessage(), null);
    }
    return verify(callback, order);
  }

  /** Verifies a parsed callback against the order it claims to be for. */
  public PaymentVerification verify(PaymentCallback callback, OneTimePaymentRequest order) {
    Objects.requireNonNull(order, "order");
    PaymentVerification mismatch = notThisOrder(callback, order);
    if (mismatch != null) {
      return mismatch;
    }
    try {
      return check(lookUp(order).join(), order);
    } catch (CompletionException e) {
      return lookupFailed(e);
    }
  }

  /** {@link #verify(String, OneTimePaymentRequest)} without blocking; never completes exceptionally. */
  public CompletableFuture<PaymentVerification> verifyAsync(String callbackBody,
      OneTimePaymentRequest order) {
    PaymentCallback callback;
    try {
      callback = PaymentCallback.parse(callbackBody);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(
          PaymentVerification.refused(Reason.MALFORMED_CALLBACK, e.getMessage(), null));
    }
    return verifyAsync(callback, order);
  }

  /** {@link #verify(PaymentCallback, OneTimePaymentRequest)} without blocking; never completes exceptionally. */
  public CompletableFuture<PaymentVerification> verifyAsync(PaymentCallback callback,
      OneTimePaymentRequest order) {
    Objects.requireNonNull(order, "order");
    PaymentVerification mismatch = notThisOrder(callback, order);
    if (mismatch != null) {
      return CompletableFuture.completedFuture(mismatch);
    }
    return lookUp(order).handle((result, error) ->
        error == null ? check(result, order) : lookupFailed(error));
  }

  /** The order's identifiers only: what the callback says is never used to look up. */
  private CompletableFuture<PaymentResult> lookUp(OneTimePaymentRequest order) {
    try {
      return order.traceId() != null ? client.getPaymentResultAsync(order.traceId())
          : client.getPaymentResultAsync(order.payeeId(), order.orderId());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static PaymentVerification notThisOrder(PaymentCallback callback,
      OneTimePaymentRequest order) {
    if (callback == null) {
      return PaymentVerification.refused(Reason.MALFORMED_CALLBACK, "no callback", null);
    }
    if (!Objects.equals(callback.payeeId(), order.payeeId())) {
      return PaymentVerification.refused(Reason.NOT_THIS_ORDER, "the callback is for payee "
          + callback.payeeId() + ", not " + order.payeeId(), null);
    }
    if (callback.orderId() != null && !callback.orderId().equals(order.orderId())) {
      return PaymentVerification.refused(Reason.NOT_THIS_ORDER, "the callback is for order "
          + callback.orderId() + ", not " + order.orderId(), null);
    }
    if (callback.traceId() != null && order.traceId() != null
        && !callback.traceId().equals(order.traceId())) {
      return PaymentVerification.refused(Reason.NOT_THIS_ORDER, "the callback is for payment "
          + callback.traceId() + ", not " + order.traceId(), null);
    }
    return null;
  }

  private static PaymentVerification check(PaymentResult result, OneTimePaymentRequest order) {
    if (order.traceId() != null && !order.traceId().equals(result.traceId())) {
      return PaymentVerification.refused(Reason.PAYMENT_MISMATCH, "MixPay answered for payment "
          + result.traceId() + ", not " + order.traceId(), result);
    }
    if (!Objects.equals(order.payeeId(), result.payeeId())) {
      return PaymentVerification.refused(Reason.PAYEE_MISMATCH, "payeeId is "
          + result.payeeId() + ", not " + order.payeeId(), result);
    }
    if (!PaymentStatus.SUCCESS.equals(result.status())) {
      return PaymentVerification.refused(Reason.NOT_PAID, "status is " + result.status()
          + ", not success", result);
    }
    BigDecimal asked = order.quoteAmount();
    if (asked == null || result.quoteAmount() == null
        || result.quoteAmount().compareTo(asked) != 0) {
      return PaymentVerification.refused(Reason.AMOUNT_MISMATCH, "quoteAmount is "
          + plain(result.quoteAmount()) + ", not " + plain(asked), result);
    }
    if (order.quoteAssetId() == null || result.quoteAssetId() == null
        || !result.quoteAssetId().equalsIgnoreCase(order.quoteAssetId())) {
      return PaymentVerification.refused(Reason.ASSET_MISMATCH, "quoteAssetId is "
          + result.quoteAssetId() + ", not " + order.quoteAssetId(), result);
    }
    return PaymentVerification.verified(result);
  }

  private static PaymentVerification lookupFailed(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null
        ? error.getCause() : error;
    if (cause instanceof MixPayApiException api
        && api.errorCode().orElse(null) == ErrorCode.NOT_FOUND) {
      return PaymentVerification.failed(Reason.PAYMENT_NOT_FOUND,
          "MixPay knows no payment for this order", api);
    }
    if (cause instanceof MixPayException e) {
      return PaymentVerification.failed(Reason.LOOKUP_FAILED, e.getMessage(), e);
    }
    // Not the caller's input: a bug or an Error; surface it rather than answer "not paid".
    if (cause instanceof RuntimeException r) {
      throw r;
    }
    throw new CompletionException(cause);
  }

  private static String plain(BigDecimal d) {
    return d == null ? "null" : d.toPlainString();
  }
}
