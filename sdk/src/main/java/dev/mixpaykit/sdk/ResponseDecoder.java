package dev.mixpaykit.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mixpaykit.sdk.internal.generated.model.ErrorEnvelope;
import dev.mixpaykit.sdk.internal.generated.model.OneTimePaymentResponse;
import dev.mixpaykit.sdk.internal.generated.model.PaymentResultResponse;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Turns an HTTP answer into a result or the right exception. MixPay signals errors in the
 * envelope, sometimes under HTTP 200, so the envelope decides, not the status; anything that is
 * not an envelope (empty, truncated, a proxy's HTML page) is a transport failure.
 */
final class ResponseDecoder {

  private static final int SNIPPET = 200;

  private final ObjectMapper mapper;

  ResponseDecoder(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  OneTimePayment createdPayment(HttpResponse<String> response) {
    return decode(response, OneTimePaymentResponse.class, decoded -> {
      Instant time = instant(decoded.getTimestampMs());
      if (decoded.getData() == null || decoded.getData().getCode() == null) {
        return null;
      }
      return new OneTimePayment(decoded.getData().getCode(), time);
    });
  }

  PaymentResult paymentResult(HttpResponse<String> response) {
    return decode(response, PaymentResultResponse.class, decoded -> {
      var d = decoded.getData();
      if (d == null || d.getStatus() == null) {
        return null;
      }
      PaymentResult.Builder b = PaymentResult.builder();
      b.status = PaymentStatus.of(d.getStatus());
      b.payeeId = d.getPayeeId();
      b.traceId = d.getTraceId();
      b.quoteAmount = decimal(d.getQuoteAmount());
      b.quoteAssetId = d.getQuoteAssetId();
      b.quoteSymbol = d.getQuoteSymbol();
      b.paymentAmount = decimal(d.getPaymentAmount());
      b.paymentAssetId = d.getPaymentAssetId();
      b.paymentSymbol = d.getPaymentSymbol();
      b.settleAmount = decimal(d.getSettleAmount());
      b.settlementAssetId = d.getSettlementAssetId();
      b.settleStatus = d.getSettleStatus();
      b.txid = d.getTxid();
      b.date = date(d.getDate());
      b.failureCode = d.getFailureCode();
      b.failureReason = d.getFailureReason();
      b.surplusAmount = decimal(d.getSurplusAmount());
      b.surplusStatus = d.getSurplusStatus();
      return b.build();
    });
  }

  /**
   * A success envelope's data, by the generated model; an error envelope, by the generated
   * ErrorEnvelope, becomes the matching exception; anything else a transport failure.
   */
  private <M, T> T decode(HttpResponse<String> response, Class<M> model,
      java.util.function.Function<M, T> onSuccess) {
    int status = response.statusCode();
    String body = response.body();
    JsonNode envelope = envelope(status, body);
    if (envelope.path("success").asBoolean(false) && envelope.path("code").asInt() == 0
        && status / 100 == 2) {
      T result;
      try {
        result = onSuccess.apply(mapper.treeToValue(envelope, model));
      } catch (JsonProcessingException | IllegalArgumentException e) {
        throw notAnEnvelope(status, body, "a success envelope whose data is not as specified", e);
      }
      if (result == null) {
        throw notAnEnvelope(status, body, "a success envelope without its data", null);
      }
      return result;
    }
    // data is always [] in an error and never read: whatever a server puts there is ignored.
    ObjectNode fields = ((ObjectNode) envelope).deepCopy();
    fields.remove("data");
    ErrorEnvelope error;
    try {
      error = mapper.treeToValue(fields, ErrorEnvelope.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw notAnEnvelope(status, body, "an error envelope that is not as specified", e);
    }
    throw apiException(error.getCode(), Objects.requireNonNullElse(error.getMessage(), ""),
        status, error.getTimestampMs(), body, retryAfter(response));
  }

  private static Instant instant(Long epochMillis) {
    return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
  }

  /** MixPay's decimal strings; a malformed one is refused rather than guessed. */
  private static java.math.BigDecimal decimal(String text) {
    return text == null || text.isBlank() ? null : new java.math.BigDecimal(text.trim());
  }

  /**
   * Unix seconds, sent as a number or as a numeric string; anything else, or a number no
   * Instant can hold, is unknown (null).
   */
  static Instant date(Object value) {
    try {
      if (value instanceof Number n) {
        return Instant.ofEpochSecond(new java.math.BigDecimal(n.toString()).longValueExact());
      }
      if (value instanceof String s && s.trim().matches("\\d{1,12}")) {
        return Instant.ofEpochSecond(Long.parseLong(s.trim()));
      }
    } catch (java.time.DateTimeException | ArithmeticException | NumberFormatException e) {
      return null; // found by ResponseDecodingProperties: 1e17 seconds is beyond Instant.MAX
    }
    return null;
  }

  private JsonNode envelope(int status, String body) {
    if (body == null || body.isBlank()) {
      throw notAnEnvelope(status, body, "an empty body", null);
    }
    JsonNode node;
    try {
      node = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw notAnEnvelope(status, body, "a body that is not JSON (or is cut short)", e);
    }
    if (node == null || !node.isObject() || !node.path("code").canConvertToInt()
        || !node.path("success").isBoolean()) {
      throw notAnEnvelope(status, body, "JSON that is not a MixPay envelope", null);
    }
    return node;
  }

  /** The subclass for what the caller can do about it; the HTTP status wins when it is 4xx/5xx. */
  static MixPayApiException apiException(int code, String message, int status, Long timestampMs,
      String body, Duration retryAfter) {
    int kind = status >= 400 ? status : statusOf(code);
    if (kind == 429) {
      return new MixPayRateLimitException(code, message, status, timestampMs, body, retryAfter);
    }
    if (kind == 409) {
      return new MixPayConflictException(code, message, status, timestampMs, body);
    }
    if (kind >= 500) {
      return new MixPayServerException(code, message, status, timestampMs, body);
    }
    return new MixPayRequestException(code, message, status, timestampMs, body);
  }

  /** The spec's HTTP-status mapping ({@code x-mixpay-errors}), for errors sent under HTTP 200. */
  static int statusOf(int code) {
    if (code == ErrorCode.RATE_LIMITED.code()) {
      return 429;
    }
    if (code == ErrorCode.ORDER_CONFLICT.code() || code == ErrorCode.TRACE_EXPIRED.code()) {
      return 409;
    }
    if (code == ErrorCode.SERVER_ERROR.code()) {
      return 500;
    }
    if (code == ErrorCode.MAINTENANCE.code()) {
      return 503;
    }
    if (code == ErrorCode.NOT_FOUND.code()) {
      return 404;
    }
    return 400;
  }

  private static Duration retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").map(ResponseDecoder::retryAfter)
        .orElse(null);
  }

  /** Delay-seconds or an HTTP-date (RFC 9110 10.2.3); null when it is neither. */
  static Duration retryAfter(String value) {
    String v = value.trim();
    if (v.matches("\\d{1,10}")) {
      return Duration.ofSeconds(Long.parseLong(v));
    }
    try {
      Instant at = java.time.ZonedDateTime.parse(v,
          java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(Instant.now(), at);
      return d.isNegative() ? Duration.ZERO : d;
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  private static MixPayTransportException notAnEnvelope(int status, String body, String what,
      Throwable cause) {
    String snippet = body == null ? "" : body.length() <= SNIPPET ? body
        : body.substring(0, SNIPPET) + "...";
    return new MixPayTransportException("MixPay answered HTTP " + status + " with " + what
        + (snippet.isBlank() ? "" : ": " + snippet), status, body, cause);
  }
}
