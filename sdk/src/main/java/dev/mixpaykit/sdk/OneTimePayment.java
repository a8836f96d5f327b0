package dev.mixpaykit.sdk;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A created one-time payment: its code, and the page where the payer pays.
 *
 * @param code the payment code ({@code data.code}), which is also its traceId: equal to the
 *     request's traceId when one was sent
 * @param serverTime MixPay's clock when it answered ({@code timestampMs}), or null if absent
 */
public record OneTimePayment(UUID code, Instant serverTime) {

  /** Where a payer pays a code. */
  public static final String CHECKOUT_BASE_URL = "https://mixpay.me/code/";

  public OneTimePayment {
    Objects.requireNonNull(code, "code");
  }

  /** {@code https://mixpay.me/code/{code}}: send the payer here. */
  public URI checkoutUrl() {
    return URI.create(CHECKOUT_BASE_URL + code);
  }
}
