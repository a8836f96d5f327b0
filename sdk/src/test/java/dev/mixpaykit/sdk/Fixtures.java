package dev.mixpaykit.sdk;

import java.math.BigDecimal;
import java.util.UUID;

/** Valid values from the spec's examples. */
final class Fixtures {

  static final String PAYEE = "a0d7791408776b47eb1dd3f94ed15d6a";
  static final UUID BTC = UUID.fromString("c6d0c728-2624-429b-8e0d-d9d19b6592fa");
  static final UUID USDT = UUID.fromString("4d8c508b-91c5-375b-92b0-ee702ed2dac5");

  private Fixtures() {}

  /** Required fields and an orderId. */
  static OneTimePaymentRequest.Builder minimal(String orderId) {
    return OneTimePaymentRequest.builder()
        .payeeId(PAYEE)
        .quoteAmount(new BigDecimal("10"))
        .quoteAssetId("usd")
        .settlementAssetId(BTC)
        .orderId(orderId);
  }
}
