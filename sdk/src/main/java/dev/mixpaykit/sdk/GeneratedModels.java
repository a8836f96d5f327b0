package dev.mixpaykit.sdk;

import dev.mixpaykit.sdk.internal.generated.model.OneTimePaymentRequest;
import java.net.URI;
import java.util.stream.Collectors;

/** Maps the public request onto the generated model, field for field. */
final class GeneratedModels {

  private GeneratedModels() {}

  @SuppressWarnings("deprecation")
  static OneTimePaymentRequest toModel(dev.mixpaykit.sdk.OneTimePaymentRequest r) {
    // Unset stays null (the generated defaults are overwritten): MixPay applies its own.
    return new OneTimePaymentRequest()
        .payeeId(r.payeeId())
        .quoteAmount(r.quoteAmount())
        .quoteAssetId(r.quoteAssetId())
        .settlementAssetId(r.settlementAssetId())
        .strictMode(r.strictMode())
        .paymentAssetId(r.paymentAssetId())
        .remark(r.remark())
        .expireSeconds(r.expireSeconds())
        .isTemp(r.isTemp())
        .traceId(r.traceId())
        .orderId(r.orderId())
        .settlementMemo(r.settlementMemo())
        .returnTo(text(r.returnTo()))
        .failedReturnTo(text(r.failedReturnTo()))
        .callbackUrl(text(r.callbackUrl()))
        .callbackEvent(r.callbackEvents().isEmpty() ? null : r.callbackEvents().stream()
            .map(CallbackEvent::value).collect(Collectors.joining("|")))
        .expiredTimestamp(r.expiredTimestamp());
  }

  private static String text(URI uri) {
    return uri == null ? null : uri.toString();
  }
}
