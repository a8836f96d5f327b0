package dev.mixpaykit.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLSession;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever arrives, decoding gives a value or a MixPayException, never anything else. Tries
 * per property: {@code -Dfuzz.tries} (300 in CI; e.g. 100000 for a long run).
 */
class ResponseDecodingProperties {

  private final ResponseDecoder decoder = new ResponseDecoder(MixPayClient.objectMapper());

  @Property
  void randomBytesAreAValueOrATypedException(@ForAll("statuses") int status,
      @ForAll byte[] bytes) {
    String body = new String(bytes, StandardCharsets.UTF_8);
    assertTyped(status, body, null);
  }

  @Property
  void envelopeShapedJunkIsAValueOrATypedException(@ForAll("statuses") int status,
      @ForAll("envelopes") String body, @ForAll("retryAfters") String retryAfter) {
    assertTyped(status, body, retryAfter);
  }

  @Property
  void successEnvelopesWithJunkDataAreAValueOrATypedException(@ForAll("data") String data) {
    assertTyped(200, "{\"code\":0,\"success\":true,\"message\":\"\",\"data\":" + data
        + ",\"timestampMs\":1}", null);
  }

  @Property
  void everyRetryAfterIsADurationOrNothing(@ForAll("retryAfters") String value) {
    Duration d = ResponseDecoder.retryAfter(value);
    assertThat(d == null || !d.isNegative()).isTrue();
  }

  private void assertTyped(int status, String body, String retryAfter) {
    HttpResponse<String> response = new Answer(status, body, retryAfter);
    for (Function<HttpResponse<String>, ?> decode : List.<Function<HttpResponse<String>, ?>>of(
        decoder::createdPayment, decoder::paymentResult)) {
      try {
        assertThat(decode.apply(response)).isNotNull();
      } catch (MixPayException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }

  @Provide
  Arbitrary<Integer> statuses() {
    return Arbitraries.oneOf(Arbitraries.of(200, 400, 404, 409, 429, 500, 502, 503),
        Arbitraries.integers().between(100, 599));
  }

  @Provide
  Arbitrary<String> retryAfters() {
    return Arbitraries.oneOf(
        Arbitraries.of("0", "1", "120", "-1", "99999999999", "1.5", "", " ",
            "Wed, 21 Oct 2015 07:28:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT",
            "Mon, 99 Foo 2020 25:61:61 GMT"),
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.strings().ofMaxLength(40));
  }

  /** JSON that looks like MixPay's envelopes, with every field allowed to be wrong. */
  @Provide
  Arbitrary<String> envelopes() {
    Arbitrary<String> value = values();
    Arbitrary<String> code = Arbitraries.oneOf(Arbitraries.of("0", "1429", "404", "-1"), value);
    return Combinators.combine(code, Arbitraries.of("true", "false", "1", "\"true\""), value,
        data(), value).as((c, success, message, d, time) -> "{\"code\":" + c + ",\"success\":"
            + success + ",\"message\":" + message + ",\"data\":" + d + ",\"timestampMs\":"
            + time + "}");
  }

  private static Arbitrary<String> values() {
    return Arbitraries.oneOf(numbers(), quoted(), Arbitraries.of("null",
        "true", "false", "[]", "{}", "[1,2]", "{\"a\":{}}", "\"\"", "[".repeat(3000)));
  }

  /** A result's or a payment's data, each field possibly missing, mistyped or extreme. */
  @Provide
  Arbitrary<String> data() {
    Arbitrary<String> value = values();
    return Arbitraries.oneOf(value, Combinators.combine(
        Arbitraries.of("code", "status", "payeeId", "traceId", "quoteAmount", "paymentAmount",
            "date", "failureCode", "surplusAmount").list().uniqueElements().ofMaxSize(9),
        value.list().ofSize(9)).as((names, values) -> {
          StringBuilder b = new StringBuilder("{");
          for (int i = 0; i < names.size(); i++) {
            b.append(i == 0 ? "" : ",").append('"').append(names.get(i)).append("\":")
                .append(values.get(i));
          }
          return b.append('}').toString();
        }));
  }

  private static Arbitrary<String> numbers() {
    return Arbitraries.oneOf(
        Arbitraries.of("1E+3", "1e999999999", "-0", "0.00000001", "NaN", "1e-999999999",
            "99999999999999999999999999", "9".repeat(2000), "1672913100", "-1672913100",
            "9223372036854775807", "9223372036854775808", "1.5e308", "0x10"),
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.bigDecimals().map(java.math.BigDecimal::toString));
  }

  private static Arbitrary<String> quoted() {
    return Arbitraries.oneOf(
        numbers().map(n -> "\"" + n + "\""),
        Arbitraries.of("\"success\"", "\"unpaid\"", "\"2f0b1c8e-6d4a-4b7e-9c61-0d2f8a9e5b13\"",
            "\"not-a-uuid\"", "\"\\ud800\"", "\"\\u0000\""),
        Arbitraries.strings().ofMaxLength(30).map(s -> "\"" + s.replace("\\", "\\\\")
            .replace("\"", "\\\"") + "\""));
  }

  /** Just enough of an HttpResponse for the decoder. */
  private record Answer(int statusCode, String body, String retryAfter)
      implements HttpResponse<String> {

    @Override
    public HttpRequest request() {
      return HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).build();
    }

    @Override
    public Optional<HttpResponse<String>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public HttpHeaders headers() {
      return HttpHeaders.of(retryAfter == null ? Map.of()
          : Map.of("Retry-After", List.of(retryAfter)), (k, v) -> true);
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return Optional.empty();
    }

    @Override
    public URI uri() {
      return URI.create("http://127.0.0.1/");
    }

    @Override
    public HttpClient.Version version() {
      return HttpClient.Version.HTTP_1_1;
    }
  }
}
