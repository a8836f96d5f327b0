package dev.mixpaykit.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The body MixPay POSTs to a payment's {@code callbackUrl}: identifiers only, and unsigned.
 * Never fulfil on a callback alone: pass it to {@link MixPayClient#verifyPayment}.
 *
 * <pre>{@code
 * // in your HTTP handler for the callbackUrl
 * PaymentCallback callback = PaymentCallback.parse(requestBody);
 * PaymentVerification v = mixpay.verifyPayment(callback, order.originalRequest());
 * if (v.verified()) {
 *   fulfilOnce(order);                     // idempotent: callbacks can arrive twice
 * }
 * respond(200, PaymentCallback.SUCCESS_ANSWER); // else MixPay sends it again
 * }</pre>
 *
 * @param orderId the order id, or null
 * @param traceId the payment's traceId (its code), or null
 * @param payeeId the payee
 */
public record PaymentCallback(String orderId, String traceId, String payeeId) {

  /** The answer MixPay expects, with HTTP 200, to stop sending a callback. */
  public static final String SUCCESS_ANSWER = "{\"code\":\"SUCCESS\"}";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * Reads a callback body.
   *
   * @throws IllegalArgumentException when it is not a JSON object naming a payee and the payment
   *     (a traceId, or an orderId)
   */
  public static PaymentCallback parse(String body) {
    JsonNode node;
    try {
      node = body == null ? null : MAPPER.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("a MixPay callback body is JSON; got: "
          + abbreviate(body), e);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("a MixPay callback body is a JSON object; got: "
          + abbreviate(body));
    }
    PaymentCallback callback = new PaymentCallback(text(node, "orderId"), text(node, "traceId"),
        text(node, "payeeId"));
    if (callback.payeeId == null || (callback.traceId == null && callback.orderId == null)) {
      throw new IllegalArgumentException(
          "a MixPay callback names payeeId and traceId or orderId; got: " + abbreviate(body));
    }
    return callback;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
  }

  private static String abbreviate(String s) {
    return s == null ? "null" : s.length() > 100 ? s.substring(0, 100) + "..." : s;
  }
}
