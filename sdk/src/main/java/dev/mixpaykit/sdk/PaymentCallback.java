package dev.mixpaykit.sdk;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.UUID;

/**
 * The body MixPay POSTs to a payment's {@code callbackUrl}: identifiers only, and unsigned, so
 * anyone can send one. Never fulfil on a callback: pass it to {@link PaymentVerifier}, which
 * only uses it to pick the order and then asks MixPay about that order's own payment.
 *
 * @param orderId the order id, or null
 * @param traceId the payment's traceId (its code), or null
 * @param payeeId the payee, never null
 */
public record PaymentCallback(String orderId, UUID traceId, String payeeId) {

  /** The answer MixPay expects, with HTTP 200, to stop sending a callback. */
  public static final String SUCCESS_ANSWER = "{\"code\":\"SUCCESS\"}";

  // A duplicated field is refused: which of two orderIds would a reader believe?
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  /**
   * Reads a callback body with the spec's {@code PaymentCallback} model.
   *
   * @throws IllegalArgumentException when it is not a JSON object naming a payee and the payment
   *     (a UUID traceId, or an orderId); never anything else
   */
  public static PaymentCallback parse(String body) {
    if (body == null || body.isBlank()) {
      throw new IllegalArgumentException("a MixPay callback body is a JSON object; got nothing");
    }
    // One parse: the model is read from the parser that found the object's start.
    dev.mixpaykit.sdk.internal.generated.model.PaymentCallback m;
    try (JsonParser parser = MAPPER.createParser(body)) {
      m = parser.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT ? null
          : MAPPER.readValue(parser,
              dev.mixpaykit.sdk.internal.generated.model.PaymentCallback.class);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("a MixPay callback body is JSON with string orderId and "
          + "payeeId and a UUID traceId; got: " + abbreviate(body), e);
    }
    if (m == null) {
      throw new IllegalArgumentException("a MixPay callback body is a JSON object; got: "
          + abbreviate(body));
    }
    String orderId = blankToNull(m.getOrderId());
    String payeeId = blankToNull(m.getPayeeId());
    if (payeeId == null || (m.getTraceId() == null && orderId == null)) {
      throw new IllegalArgumentException(
          "a MixPay callback names payeeId and traceId or orderId; got: " + abbreviate(body));
    }
    return new PaymentCallback(orderId, m.getTraceId(), payeeId);
  }

  /** {@link #parse}, with empty instead of an exception for a body that is not a callback. */
  public static java.util.Optional<PaymentCallback> tryParse(String body) {
    try {
      return java.util.Optional.of(parse(body));
    } catch (IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static String abbreviate(String s) {
    return s.length() > 100 ? s.substring(0, 100) + "..." : s;
  }
}
