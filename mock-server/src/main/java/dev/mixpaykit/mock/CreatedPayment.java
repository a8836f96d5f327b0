package dev.mixpaykit.mock;

import java.time.Instant;
import java.util.Map;

/**
 * A payment the mock created.
 *
 * @param code the payment code answered as {@code data.code}
 * @param payeeId the payee
 * @param orderId the merchant's order id, or null
 * @param traceId the trace id, or null
 * @param parameters every accepted field as text, with the spec's defaults filled in and
 *     decimals in plain notation without trailing zeros: what idempotent repeats are compared on
 * @param createdAt when the mock created it
 */
public record CreatedPayment(String code, String payeeId, String orderId, String traceId,
    Map<String, String> parameters, Instant createdAt) {}
