package dev.mixpaykit.sdk;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The fields of {@code POST /v1/one_time_payment}, in Java types. Immutable; build one with
 * {@link #builder()}:
 *
 * <pre>{@code
 * OneTimePaymentRequest request = OneTimePaymentRequest.builder()
 *     .payeeId("a0d7791408776b47eb1dd3f94ed15d6a")
 *     .quoteAmount(new BigDecimal("10"))
 *     .quoteAssetId("usd")
 *     .settlementAssetId(UUID.fromString("c6d0c728-2624-429b-8e0d-d9d19b6592fa"))
 *     .orderId("order-20230105-0042")
 *     .build();
 * }</pre>
 *
 * <p>Nothing is checked here: {@link MixPayClient} checks every rule of the spec before it
 * sends, and reports all broken rules at once in a {@link MixPayValidationException}. Fields left
 * unset are not sent, so MixPay applies its own defaults.
 */
public final class OneTimePaymentRequest {

  private final String payeeId;
  private final BigDecimal quoteAmount;
  private final String quoteAssetId;
  private final UUID settlementAssetId;
  private final Boolean strictMode;
  private final UUID paymentAssetId;
  private final String remark;
  private final Integer expireSeconds;
  private final Boolean isTemp;
  private final UUID traceId;
  private final String orderId;
  private final String settlementMemo;
  private final URI returnTo;
  private final URI failedReturnTo;
  private final URI callbackUrl;
  private final Set<CallbackEvent> callbackEvents;
  private final Long expiredTimestamp;

  private OneTimePaymentRequest(Builder b) {
    this.payeeId = b.payeeId;
    this.quoteAmount = b.quoteAmount;
    this.quoteAssetId = b.quoteAssetId;
    this.settlementAssetId = b.settlementAssetId;
    this.strictMode = b.strictMode;
    this.paymentAssetId = b.paymentAssetId;
    this.remark = b.remark;
    this.expireSeconds = b.expireSeconds;
    this.isTemp = b.isTemp;
    this.traceId = b.traceId;
    this.orderId = b.orderId;
    this.settlementMemo = b.settlementMemo;
    this.returnTo = b.returnTo;
    this.failedReturnTo = b.failedReturnTo;
    this.callbackUrl = b.callbackUrl;
    this.callbackEvents = b.callbackEvents.isEmpty() ? Set.of()
        : Collections.unmodifiableSet(EnumSet.copyOf(b.callbackEvents));
    this.expiredTimestamp = b.expiredTimestamp;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this request's fields. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.payeeId = payeeId;
    b.quoteAmount = quoteAmount;
    b.quoteAssetId = quoteAssetId;
    b.settlementAssetId = settlementAssetId;
    b.strictMode = strictMode;
    b.paymentAssetId = paymentAssetId;
    b.remark = remark;
    b.expireSeconds = expireSeconds;
    b.isTemp = isTemp;
    b.traceId = traceId;
    b.orderId = orderId;
    b.settlementMemo = settlementMemo;
    b.returnTo = returnTo;
    b.failedReturnTo = failedReturnTo;
    b.callbackUrl = callbackUrl;
    b.callbackEvents = callbackEvents.isEmpty() ? EnumSet.noneOf(CallbackEvent.class)
        : EnumSet.copyOf(callbackEvents);
    b.expiredTimestamp = expiredTimestamp;
    return b;
  }

  public String payeeId() {
    return payeeId;
  }

  public BigDecimal quoteAmount() {
    return quoteAmount;
  }

  public String quoteAssetId() {
    return quoteAssetId;
  }

  public UUID settlementAssetId() {
    return settlementAssetId;
  }

  /** Null when not set (MixPay's default: false). */
  public Boolean strictMode() {
    return strictMode;
  }

  public UUID paymentAssetId() {
    return paymentAssetId;
  }

  public String remark() {
    return remark;
  }

  /** Null when not set (MixPay's default: 86400). */
  public Integer expireSeconds() {
    return expireSeconds;
  }

  /** The 2022 page's flag, ignored by MixPay since every code became single-use. */
  @Deprecated
  public Boolean isTemp() {
    return isTemp;
  }

  public UUID traceId() {
    return traceId;
  }

  public String orderId() {
    return orderId;
  }

  public String settlementMemo() {
    return settlementMemo;
  }

  public URI returnTo() {
    return returnTo;
  }

  public URI failedReturnTo() {
    return failedReturnTo;
  }

  public URI callbackUrl() {
    return callbackUrl;
  }

  /** Extra state changes to be called back for; empty when only success and fail. */
  public Set<CallbackEvent> callbackEvents() {
    return callbackEvents;
  }

  /** Unix seconds, or null. */
  public Long expiredTimestamp() {
    return expiredTimestamp;
  }

  /** True when MixPay can recognise a repeat: the request has a traceId or an orderId. */
  public boolean isIdempotent() {
    return traceId != null || orderId != null;
  }

  @Override
  public String toString() {
    // Identifiers only: amounts, memos and URLs stay out of logs.
    return "OneTimePaymentRequest{payeeId=" + payeeId + ", orderId=" + orderId
        + ", traceId=" + traceId + "}";
  }

  /** Collects fields; every setter overwrites. */
  public static final class Builder {
    private String payeeId;
    private BigDecimal quoteAmount;
    private String quoteAssetId;
    private UUID settlementAssetId;
    private Boolean strictMode;
    private UUID paymentAssetId;
    private String remark;
    private Integer expireSeconds;
    private Boolean isTemp;
    private UUID traceId;
    private String orderId;
    private String settlementMemo;
    private URI returnTo;
    private URI failedReturnTo;
    private URI callbackUrl;
    private EnumSet<CallbackEvent> callbackEvents = EnumSet.noneOf(CallbackEvent.class);
    private Long expiredTimestamp;

    private Builder() {}

    /** Required. The account that receives the money: a Mixin UUID or a 32-hex id. */
    public Builder payeeId(String payeeId) {
      this.payeeId = payeeId;
      return this;
    }

    /** Required. The price in {@code quoteAssetId} units; greater than 0. */
    public Builder quoteAmount(BigDecimal quoteAmount) {
      this.quoteAmount = quoteAmount;
      return this;
    }

    /** Required. A crypto asset UUID, or a lowercase fiat code such as {@code usd}. */
    public Builder quoteAssetId(String quoteAssetId) {
      this.quoteAssetId = quoteAssetId;
      return this;
    }

    /** Required. The asset the payee prefers to receive. */
    public Builder settlementAssetId(UUID settlementAssetId) {
      this.settlementAssetId = settlementAssetId;
      return this;
    }

    /** Settle strictly in {@code settlementAssetId}; MixPay's default is false. */
    public Builder strictMode(boolean strictMode) {
      this.strictMode = strictMode;
      return this;
    }

    /** The asset the payer pays with; unset lets the payer choose. */
    public Builder paymentAssetId(UUID paymentAssetId) {
      this.paymentAssetId = paymentAssetId;
      return this;
    }

    /** Shown to the payee; at most 50 characters. */
    public Builder remark(String remark) {
      this.remark = remark;
      return this;
    }

    /** Seconds the code stays valid, 1..31536000; MixPay's default is 86400. */
    public Builder expireSeconds(int expireSeconds) {
      this.expireSeconds = expireSeconds;
      return this;
    }

    /** Accepted for old integrations; MixPay ignores it. */
    @Deprecated
    public Builder isTemp(boolean isTemp) {
      this.isTemp = isTemp;
      return this;
    }

    /** Your UUID for this payment; it becomes the payment code. One of traceId/orderId. */
    public Builder traceId(UUID traceId) {
      this.traceId = traceId;
      return this;
    }

    /** Your order id: 6..36 letters, digits, '-' or '_'. One of traceId/orderId. */
    public Builder orderId(String orderId) {
      this.orderId = orderId;
      return this;
    }

    /** Memo on the settlement transfer; at most 200 characters. */
    public Builder settlementMemo(String settlementMemo) {
      this.settlementMemo = settlementMemo;
      return this;
    }

    /** Where the payer's browser goes after paying. */
    public Builder returnTo(URI returnTo) {
      this.returnTo = returnTo;
      return this;
    }

    /** Where the payer's browser goes after a failed payment. */
    public Builder failedReturnTo(URI failedReturnTo) {
      this.failedReturnTo = failedReturnTo;
      return this;
    }

    /** HTTPS URL MixPay POSTs to when the payment succeeds or fails. */
    public Builder callbackUrl(URI callbackUrl) {
      this.callbackUrl = callbackUrl;
      return this;
    }

    /** Also call back on these state changes (success and fail are always called back). */
    public Builder callbackEvents(CallbackEvent... events) {
      this.callbackEvents = EnumSet.noneOf(CallbackEvent.class);
      this.callbackEvents.addAll(Arrays.asList(events));
      return this;
    }

    /** Deadline; more than 10 s and less than 240 min after MixPay receives the request. */
    public Builder expiredTimestamp(Instant expiredTimestamp) {
      this.expiredTimestamp = expiredTimestamp == null ? null : expiredTimestamp.getEpochSecond();
      return this;
    }

    /** The deadline as Unix seconds. */
    public Builder expiredTimestamp(long epochSeconds) {
      this.expiredTimestamp = epochSeconds;
      return this;
    }

    public OneTimePaymentRequest build() {
      return new OneTimePaymentRequest(this);
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof OneTimePaymentRequest r)) {
      return false;
    }
    return Objects.equals(payeeId, r.payeeId) && Objects.equals(quoteAmount, r.quoteAmount)
        && Objects.equals(quoteAssetId, r.quoteAssetId)
        && Objects.equals(settlementAssetId, r.settlementAssetId)
        && Objects.equals(strictMode, r.strictMode)
        && Objects.equals(paymentAssetId, r.paymentAssetId) && Objects.equals(remark, r.remark)
        && Objects.equals(expireSeconds, r.expireSeconds) && Objects.equals(isTemp, r.isTemp)
        && Objects.equals(traceId, r.traceId) && Objects.equals(orderId, r.orderId)
        && Objects.equals(settlementMemo, r.settlementMemo)
        && Objects.equals(returnTo, r.returnTo) && Objects.equals(failedReturnTo, r.failedReturnTo)
        && Objects.equals(callbackUrl, r.callbackUrl)
        && Objects.equals(callbackEvents, r.callbackEvents)
        && Objects.equals(expiredTimestamp, r.expiredTimestamp);
  }

  @Override
  public int hashCode() {
    return Objects.hash(payeeId, quoteAmount, quoteAssetId, settlementAssetId, strictMode,
        paymentAssetId, remark, expireSeconds, isTemp, traceId, orderId, settlementMemo, returnTo,
        failedReturnTo, callbackUrl, callbackEvents, expiredTimestamp);
  }
}
