package dev.mixpaykit.sdk;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The README's callback handler, compiled; QuickStartTest checks the README shows this code. */
final class CallbackHandlerExample {

  private final PaymentVerifier verifier;
  private final Map<String, OneTimePaymentRequest> orders;
  final Set<String> fulfilled = ConcurrentHashMap.newKeySet();

  CallbackHandlerExample(PaymentVerifier verifier, Map<String, OneTimePaymentRequest> orders) {
    this.verifier = verifier;
    this.orders = orders;
  }

  private void fulfilOnce(OneTimePaymentRequest order) {
    fulfilled.add(order.orderId());
  }

  /** The HTTP status to answer a callback body with. */
  int handle(String body) {
    // callback:begin
    Optional<PaymentCallback> callback = PaymentCallback.tryParse(body);
    OneTimePaymentRequest order = callback.map(PaymentCallback::orderId).map(orders::get)
        .orElse(null); // your own record of the order the callback names
    if (order == null) {
      return 400; // not a callback, or not an order of ours: nothing to fulfil
    }
    PaymentVerification v = verifier.verify(callback.get(), order);
    if (v.verified()) {
      fulfilOnce(order); // idempotent: MixPay may send the same callback twice
    } else if (v.reason() == PaymentVerification.Reason.LOOKUP_FAILED) {
      return 503; // MixPay could not be asked: it sends the callback again later
    }
    return 200; // body PaymentCallback.SUCCESS_ANSWER: MixPay stops sending it
    // callback:end
  }
}
