package dev.mixpaykit.mock;

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
 * @param createdAt when the mock created it
 * @param status {@code unpaid}, {@code pending}, {@code paid_less}, {@code success} or
 *     {@code failed}
 * @param paidAmount what was paid so far in quote units, as a plain decimal ("0" when unpaid)
 * @param failureCode {@code "0"}, or why it failed (40000 overtime, 40024 underpaid, ...)
 * @param failureReason empty, or MixPay's reason text
 * @param paidAt when it was last paid into, or null
 */
public record CreatedPayment(String code, String payeeId, String orderId, String traceId,
    Map<String, String> parameters, Instant createdAt, String status, String paidAmount,
    String failureCode, String failureReason, Instant paidAt) {

  /** True once the payment can change no more. */
  public boolean isFinal() {
    return "success".equals(status) || "failed".equals(status);
  }
}
