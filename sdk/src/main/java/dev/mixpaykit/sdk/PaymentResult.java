package dev.mixpaykit.sdk;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A payment's state from {@code GET /v1/payments_result}. Immutable. MixPay sends amounts as
 * strings; here they are exact decimals. Fields MixPay may leave out are {@link Optional} or
 * null as documented; new fields may be added in later versions without breaking callers.
 * Before fulfilling an order, let {@link PaymentVerifier} check it.
 */
public final class PaymentResult {

  private final PaymentStatus status;
  private final String payeeId;
  private final UUID traceId;
  private final BigDecimal quoteAmount;
  private final String quoteAssetId;
  private final String quoteSymbol;
  private final BigDecimal paymentAmount;
  private final String paymentAssetId;
  private final String paymentSymbol;
  private final BigDecimal settleAmount;
  private final String settlementAssetId;
  private final String settleStatus;
  private final String txid;
  private final Instant date;
  private final String failureCode;
  private final String failureReason;
  private final BigDecimal surplusAmount;
  private final String surplusStatus;

  private PaymentResult(Builder b) {
    this.status = Objects.requireNonNull(b.status, "status");
    this.payeeId = b.payeeId;
    this.traceId = b.traceId;
    this.quoteAmount = b.quoteAmount;
    this.quoteAssetId = b.quoteAssetId;
    this.quoteSymbol = b.quoteSymbol;
    this.paymentAmount = b.paymentAmount;
    this.paymentAssetId = b.paymentAssetId;
    this.paymentSymbol = b.paymentSymbol;
    this.settleAmount = b.settleAmount;
    this.settlementAssetId = b.settlementAssetId;
    this.settleStatus = b.settleStatus;
    this.txid = b.txid;
    this.date = b.date;
    // MixPay writes "0" (or nothing) for "no failure"; here that is empty.
    this.failureCode = b.failureCode == null || b.failureCode.isBlank()
        || "0".equals(b.failureCode.trim()) ? null : b.failureCode.trim();
    this.failureReason = b.failureReason == null || b.failureReason.isBlank() ? null
        : b.failureReason;
    this.surplusAmount = b.surplusAmount;
    this.surplusStatus = b.surplusStatus;
  }

  static Builder builder() {
    return new Builder();
  }

  /** The state; see {@link PaymentStatus#isFinal()}. Never null. */
  public PaymentStatus status() {
    return status;
  }

  /** Who receives the money. */
  public String payeeId() {
    return payeeId;
  }

  /** The payment's traceId (for a one-time payment, its code), or null if MixPay left it out. */
  public UUID traceId() {
    return traceId;
  }

  /** The price asked, or null if MixPay left it out. */
  public BigDecimal quoteAmount() {
    return quoteAmount;
  }

  /** The asset the price is quoted in. */
  public String quoteAssetId() {
    return quoteAssetId;
  }

  /** The quote asset's symbol, or null. */
  public String quoteSymbol() {
    return quoteSymbol;
  }

  /** What the payer paid, or null. */
  public BigDecimal paymentAmount() {
    return paymentAmount;
  }

  /** What the payer paid with, or null. */
  public String paymentAssetId() {
    return paymentAssetId;
  }

  /** The payment asset's symbol, or null. */
  public String paymentSymbol() {
    return paymentSymbol;
  }

  /** What the payee receives, or null. */
  public BigDecimal settleAmount() {
    return settleAmount;
  }

  /** What the payee receives it in, or null. */
  public String settlementAssetId() {
    return settlementAssetId;
  }

  /** {@code pending} or {@code success}, or null. */
  public String settleStatus() {
    return settleStatus;
  }

  /** The payer's transaction, or null. */
  public String txid() {
    return txid;
  }

  /** When it was paid, or null (MixPay sends a number or a numeric string). */
  public Instant date() {
    return date;
  }

  /** Why it failed (e.g. {@code 40000}: overtime); empty when it did not. */
  public Optional<String> failureCode() {
    return Optional.ofNullable(failureCode);
  }

  /** MixPay's failure text, e.g. {@code Payment overtime}; empty when none. */
  public Optional<String> failureReason() {
    return Optional.ofNullable(failureReason);
  }

  /** What was paid beyond the price, or null. */
  public BigDecimal surplusAmount() {
    return surplusAmount;
  }

  /** The state of the surplus refund, or null. */
  public String surplusStatus() {
    return surplusStatus;
  }

  /** True when the payment failed and {@link #failureCode()} says why. */
  public boolean hasFailure() {
    return failureCode != null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PaymentResult r && status.equals(r.status)
        && Objects.equals(payeeId, r.payeeId) && Objects.equals(traceId, r.traceId)
        && Objects.equals(quoteAmount, r.quoteAmount)
        && Objects.equals(quoteAssetId, r.quoteAssetId)
        && Objects.equals(quoteSymbol, r.quoteSymbol)
        && Objects.equals(paymentAmount, r.paymentAmount)
        && Objects.equals(paymentAssetId, r.paymentAssetId)
        && Objects.equals(paymentSymbol, r.paymentSymbol)
        && Objects.equals(settleAmount, r.settleAmount)
        && Objects.equals(settlementAssetId, r.settlementAssetId)
        && Objects.equals(settleStatus, r.settleStatus) && Objects.equals(txid, r.txid)
        && Objects.equals(date, r.date) && Objects.equals(failureCode, r.failureCode)
        && Objects.equals(failureReason, r.failureReason)
        && Objects.equals(surplusAmount, r.surplusAmount)
        && Objects.equals(surplusStatus, r.surplusStatus);
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, payeeId, traceId, quoteAmount, quoteAssetId, paymentAmount, date,
        failureCode);
  }

  @Override
  public String toString() {
    return "PaymentResult{status=" + status + ", payeeId=" + payeeId + ", traceId=" + traceId
        + ", quoteAmount=" + (quoteAmount == null ? null : quoteAmount.toPlainString())
        + ", quoteAssetId=" + quoteAssetId + ", paymentAmount="
        + (paymentAmount == null ? null : paymentAmount.toPlainString()) + ", paymentAssetId="
        + paymentAssetId + ", settleStatus=" + settleStatus + ", date=" + date
        + ", failureCode=" + failureCode + "}";
  }

  /** Internal: the decoder fills one from MixPay's answer. */
  static final class Builder {
    PaymentStatus status;
    String payeeId;
    UUID traceId;
    BigDecimal quoteAmount;
    String quoteAssetId;
    String quoteSymbol;
    BigDecimal paymentAmount;
    String paymentAssetId;
    String paymentSymbol;
    BigDecimal settleAmount;
    String settlementAssetId;
    String settleStatus;
    String txid;
    Instant date;
    String failureCode;
    String failureReason;
    BigDecimal surplusAmount;
    String surplusStatus;

    PaymentResult build() {
      return new PaymentResult(this);
    }
  }
}
