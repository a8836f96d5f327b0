package dev.mixpaykit.sdk;

import java.util.Objects;

/**
 * The outcome of {@link MixPayClient#verifyPayment}: whether the order may be fulfilled, and if
 * not, why.
 *
 * @param verified true only when MixPay says {@code success} for the payee, amount and asset
 *     the order asked for
 * @param reason why not, in words, or null when verified
 * @param result what MixPay answered
 */
public record PaymentVerification(boolean verified, String reason, PaymentResult result) {

  public PaymentVerification {
    Objects.requireNonNull(result, "result");
  }
}
