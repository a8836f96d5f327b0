package dev.mixpaykit.mock.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mixpaykit.mock.CreatedPayment;
import dev.mixpaykit.mock.PaymentStatus;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code data} of {@code GET /v1/payments_result} for a payment. The mock has no exchange
 * rates: the payer pays in quote units and the payee is settled the same amount, so payment and
 * settlement amounts equal the quote amounts paid. Amounts are plain decimal strings, as
 * MixPay sends them; {@code failureCode} is MixPay's string, {@code "0"} when none.
 */
final class PaymentResults {

  private static final Map<String, String> SYMBOLS = Map.of(
      "c6d0c728-2624-429b-8e0d-d9d19b6592fa", "BTC",
      "4d8c508b-91c5-375b-92b0-ee702ed2dac5", "USDT",
      "9b180ab6-6abe-3dc0-a13f-04169eb34bfa", "USDC",
      "43d61dcd-e413-450d-80b8-101d5e903357", "ETH");

  private PaymentResults() {}

  static ObjectNode data(CreatedPayment p) {
    Map<String, String> params = p.parameters();
    ObjectNode d = JsonNodeFactory.instance.objectNode();
    d.put("status", p.status().wireName());
    d.put("payeeId", p.payeeId());
    d.put("traceId", p.code());
    d.put("quoteAmount", plain(p.quoteAmount()));
    d.put("quoteAssetId", params.get("quoteAssetId"));
    putSymbol(d, "quoteSymbol", params.get("quoteAssetId"));
    BigDecimal paid = p.paidAmount();
    if (paid.signum() > 0) {
      String paymentAsset = params.getOrDefault("paymentAssetId", params.get("settlementAssetId"));
      d.put("paymentAmount", plain(paid));
      d.put("paymentAssetId", paymentAsset);
      putSymbol(d, "paymentSymbol", paymentAsset);
      d.put("txid", p.code().replace("-", ""));
      d.put("date", p.paidAt().getEpochSecond());
      BigDecimal surplus = paid.subtract(p.quoteAmount());
      d.put("surplusAmount", surplus.signum() > 0 ? plain(surplus) : "0");
    }
    if (p.status() == PaymentStatus.SUCCESS) {
      d.put("settleAmount", plain(p.quoteAmount()));
      d.put("settlementAssetId", params.get("settlementAssetId"));
      d.put("settleStatus", "success");
    }
    d.put("failureCode", p.failure() == null ? "0" : Integer.toString(p.failure().code()));
    d.put("failureReason", p.failure() == null ? "" : p.failure().reason());
    return d;
  }

  /** A plain decimal string without trailing zeros: "10", "0.5". */
  static String plain(BigDecimal amount) {
    return PaymentStore.plain(amount).toPlainString();
  }

  private static void putSymbol(ObjectNode d, String field, String assetId) {
    if (assetId == null) {
      return;
    }
    String symbol = assetId.matches("[a-z]{3}") ? assetId.toUpperCase(Locale.ROOT)
        : SYMBOLS.get(assetId);
    if (symbol != null) {
      d.put(field, symbol);
    }
  }
}
