package dev.mixpaykit.mock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and adversarial requests against a running mock, over a raw socket so that nothing
 * is cleaned up on the way: every answer is a MixPay envelope (or the checkout page), never a
 * 5xx, and each comes back before the socket's 10 s read deadline. Tries per property:
 * {@code -Dfuzz.tries=N}.
 */
class HttpFuzzPropertyTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<Integer> ENVELOPE_STATUSES = Set.of(200, 400, 404, 409, 414, 431);
  private static MixPayMock mock;

  @BeforeContainer
  static void start() {
    mock = MixPayMock.builder().maxPayments(100_000).build().start();
  }

  @AfterContainer
  static void stop() {
    mock.stop();
  }

  @Property
  void anyBodyToTheCreateRouteGetsAnEnvelope(@ForAll("contentTypes") String type,
      @ForAll("bodies") byte[] body) throws Exception {
    assertEnvelope(RawHttp.post(mock.port(), "/v1/one_time_payment", type, body));
  }

  @Property
  void anyQueryToTheResultRouteGetsAnEnvelope(@ForAll("targets") String target)
      throws Exception {
    assertEnvelope(RawHttp.get(mock.port(), "/v1/payments_result?" + target));
  }

  @Property
  void anyPathGetsAnEnvelopeOrThePage(@ForAll("targets") String target) throws Exception {
    RawHttp.Answer answer = RawHttp.get(mock.port(), "/" + target);
    if (answer.headers().getOrDefault("content-type", "").startsWith("text/html")) {
      assertThat(answer.status()).isIn(200, 404, 410);
    } else {
      assertEnvelope(answer);
    }
  }

  private static void assertEnvelope(RawHttp.Answer answer) throws Exception {
    assertThat(answer.status()).as(answer.body()).isIn(ENVELOPE_STATUSES);
    assertThat(answer.headers()).doesNotContainKey("matched-stub-id");
    JsonNode envelope = JSON.readTree(answer.body());
    assertThat(envelope.path("success").isBoolean()).as(answer.body()).isTrue();
    if (!envelope.path("success").asBoolean()) {
      Contract.assertConforms(answer.body(), "ErrorEnvelope");
      assertThat(envelope.path("message").asText()).doesNotContain("Exception", "INT32");
    }
  }

  @Provide
  Arbitrary<String> contentTypes() {
    return Arbitraries.of("application/json", "application/x-www-form-urlencoded",
        "application/json; charset=nope", "application/x-www-form-urlencoded; charset=utf-16",
        "text/plain", "multipart/form-data; boundary=x", "application/json;;;", "");
  }

  @Provide
  Arbitrary<byte[]> bodies() {
    Arbitrary<String> fields = Arbitraries.of("payeeId", "quoteAmount", "quoteAssetId",
        "settlementAssetId", "orderId", "traceId", "expiredTimestamp", "strictMode",
        "callbackUrl", "expireSeconds", "isTemp");
    Arbitrary<String> values = Arbitraries.oneOf(
        Arbitraries.strings().withChars("0123456789.eE+-%zZ\"{}[]:,&=").ofMaxLength(30),
        Arbitraries.of("1e100000000", "1e400", "1E+3", "99999999999999999999", "%ZZ",
            "a0d7791408776b47eb1dd3f94ed15d6a", "usd", "c6d0c728-2624-429b-8e0d-d9d19b6592fa",
            "order-fuzz-1", "10", "\"10\"", "true", "null", "[]", "{}", ""));
    Arbitrary<String> form = Arbitraries.entries(fields, values).list().ofMaxSize(8)
        .map(list -> String.join("&", list.stream().map(e -> e.getKey() + "=" + e.getValue())
            .toList()));
    Arbitrary<String> json = Arbitraries.entries(fields, values).list().ofMaxSize(8)
        .map(list -> "{" + String.join(",", list.stream()
            .map(e -> "\"" + e.getKey() + "\":" + e.getValue()).toList()) + "}");
    return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMaxSize(400),
        Arbitraries.oneOf(form, json).map(s -> s.getBytes(StandardCharsets.UTF_8)));
  }

  @Provide
  Arbitrary<String> targets() {
    // Request-target characters as a client could put them on the wire (no spaces or CR/LF,
    // which would end the request line), escapes good and bad.
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("abcdefXYZ0123456789-_.~%&=+?/#;:@!$'()*,")
            .ofMaxLength(60),
        Arbitraries.of("traceId=%ZZ", "orderId=ab%2", "traceId=%", "orderId=%C3%28",
            "traceId=2f0b1c8e-6d4a-4b7e-9c61-0d2f8a9e5b13&traceId=x", "code/%zz",
            "code/525502dd-e552-4505-b114-32fe32ff23c2", "v1/one_time_payment"))
        // The test-control API under /__admin is WireMock's and the mock's, not MixPay's.
        .filter(t -> !t.startsWith("__admin"));
  }
}
