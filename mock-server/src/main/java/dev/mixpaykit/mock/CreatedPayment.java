package dev.mixpaykit.mock;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * A payment the mock created, as it stands now.
 *
 * @param code the payment code answered as {@code data.code}; also its traceId for
 *     {@code GET /v1/payments_result}
 * @param payeeId the payee
 * @param orderId the merchant's order id, or null
 * @param traceId the trace id the request sent, or null
 * @param parameters every accepted field as text, with the spec's defaults filled in and
 *     decimals in plain notation without trailing zeros: what idempotent repeats are compared on
 * @param quoteAmount the price, in quote units
 * @param createdAt when the mock created it
 * @param status where it stands
 * @param paidAmount what was paid so far in quote units (zero when nothing was)
 * @param failure why it failed; null unless {@code status} is {@link PaymentStatus#FAILED}
 * @param paidAt when it was last paid into, or null
 */
public record CreatedPayment(String code, String payeeId, String orderId, String traceId,
    Map<String, String> parameters, BigDecimal quoteAmount, Instant createdAt,
    PaymentStatus status, BigDecimal paidAmount, Failure failure, Instant paidAt) {

  public CreatedPayment {
    parameters = Map.copyOf(parameters);
  }

  /** True once the payment can change no more. */
  public boolean isFinal() {
    return status.isFinal();
  }
}
