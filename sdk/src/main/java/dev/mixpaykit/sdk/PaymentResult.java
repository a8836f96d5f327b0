package dev.mixpaykit.sdk;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A payment's state from {@code GET /v1/payments_result}. MixPay sends amounts as strings;
 * here they are exact decimals (null when absent). Check it with
 * {@link MixPayClient#verifyPayment} before fulfilling an order.
 *
 * @param status the state; see {@link PaymentStatus#isFinal()}
 * @param payeeId who receives the money
 * @param traceId the payment's traceId (for a one-time payment, its code)
 * @param quoteAmount the price asked
 * @param quoteAssetId the asset the price is quoted in
 * @param quoteSymbol its symbol, or null
 * @param paymentAmount what the payer paid, or null
 * @param paymentAssetId what the payer paid with, or null
 * @param paymentSymbol its symbol, or null
 * @param settleAmount what the payee receives, or null
 * @param settlementAssetId what the payee receives it in, or null
 * @param settleStatus {@code pending} or {@code success}, or null
 * @param txid the payer's transaction, or null
 * @param date when it was paid, or null (MixPay sends a number or a numeric string)
 * @param failureCode {@code "0"} or why it failed (e.g. 40000 overtime), never null
 * @param failureReason MixPay's reason text, or empty
 * @param surplusAmount what was paid beyond the price, or null
 * @param surplusStatus the state of the surplus refund, or null
 */
public record PaymentResult(PaymentStatus status, String payeeId, String traceId,
    BigDecimal quoteAmount, String quoteAssetId, String quoteSymbol, BigDecimal paymentAmount,
    String paymentAssetId, String paymentSymbol, BigDecimal settleAmount,
    String settlementAssetId, String settleStatus, String txid, Instant date, String failureCode,
    String failureReason, BigDecimal surplusAmount, String surplusStatus) {

  /** True when the payment failed and {@link #failureCode()} says why. */
  public boolean hasFailure() {
    return !"0".equals(failureCode) && !failureCode.isEmpty();
  }
}
