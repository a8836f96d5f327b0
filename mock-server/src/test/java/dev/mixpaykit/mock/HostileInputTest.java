package dev.mixpaykit.mock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What issue 13's fuzzing found, each as a test: every answer is a MixPay envelope with the
 * exact message, nothing is stored from a refused request, and the mock keeps serving.
 */
class HostileInputTest {

  @RegisterExtension
  static MixPayMockExtension mixpay = new MixPayMockExtension();

  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REQUIRED = "\"payeeId\":\"" + Contract.PAYEE
      + "\",\"quoteAssetId\":\"usd\",\"settlementAssetId\":\"" + Contract.BTC + "\"";

  @ParameterizedTest(name = "quoteAmount {0} in JSON")
  @ValueSource(strings = {"1e100000000", "1e400", "1E+3", "1E3", "-0e0"})
  void exponentNotationInJsonIsRefusedAndNothingIsStored(String amount) throws Exception {
    HttpResponse<String> r = post("application/json",
        "{" + REQUIRED + ",\"orderId\":\"order-exp\",\"quoteAmount\":" + amount + "}");

    assertEnvelope(r, 400, 1017, "Parameter error. quoteAmount: must be a decimal number in"
        + " plain notation, like 10 or 0.5.");
    assertThat(mixpay.mock().payments()).isEmpty();
    assertStillServes();
  }

  @Test
  void anAmountBeyondItsDigitsIsRefusedTheSameInFormAndJson() throws Exception {
    String expected = "Parameter error. quoteAmount: must have at most 18 digits before the"
        + " decimal point.";
    String big = "1" + "0".repeat(400);
    assertEnvelope(post("application/json", "{" + REQUIRED
        + ",\"orderId\":\"order-big\",\"quoteAmount\":" + big + "}"), 400, 1017, expected);
    assertEnvelope(post("application/x-www-form-urlencoded", Contract.encode(withAmount(big))),
        400, 1017, expected);
    assertEnvelope(post("application/json", "{" + REQUIRED
        + ",\"orderId\":\"order-big\",\"quoteAmount\":\"" + big + "\"}"), 400, 1017, expected);
    assertThat(mixpay.mock().payments()).isEmpty();
  }

  @Test
  void aDecimalStringInJsonIsAcceptedAsMixPaysOwnJsClientSendsIt() throws Exception {
    HttpResponse<String> asString = post("application/json",
        "{" + REQUIRED + ",\"orderId\":\"order-js\",\"quoteAmount\":\"10\"}");
    HttpResponse<String> asNumber = post("application/json",
        "{" + REQUIRED + ",\"orderId\":\"order-js\",\"quoteAmount\":10.00}");

    assertThat(asString.statusCode()).as(asString.body()).isEqualTo(200);
    assertThat(JSON.readTree(asNumber.body()).path("data").path("code").asText())
        .as("the same payment, however the amount is written")
        .isEqualTo(JSON.readTree(asString.body()).path("data").path("code").asText());
    assertThat(mixpay.mock().payments()).singleElement()
        .satisfies(p -> assertThat(p.quoteAmount()).isEqualByComparingTo("10"));
  }

  @ParameterizedTest(name = "GET {0}")
  @ValueSource(strings = {"/v1/payments_result?traceId=%ZZ", "/v1/payments_result?orderId=ab%2",
      "/v1/payments_result?traceId=%", "/v1/payments_result?orderId=%C3%28abcdef&payeeId=x"})
  void aMalformedQueryStringIsAParameterError(String url) throws Exception {
    RawHttp.Answer r = RawHttp.get(mixpay.mock().port(), url);

    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.headers().get("content-type")).isEqualTo("application/json");
    JsonNode envelope = JSON.readTree(r.body());
    assertThat(envelope.path("code").asInt()).isEqualTo(1017);
    assertThat(envelope.path("message").asText()).startsWith("Parameter error. the query string ");
    Contract.assertConforms(r.body(), "ErrorEnvelope");
    assertStillServes();
  }

  @Test
  void aMalformedPathIsAParameterErrorToo() throws Exception {
    RawHttp.Answer r = RawHttp.get(mixpay.mock().port(), "/code/%zz");

    assertThat(r.status()).isEqualTo(400);
    // Jetty refuses it before any servlet runs; its error handler writes the envelope.
    assertThat(JSON.readTree(r.body()).path("message").asText())
        .isEqualTo("Parameter error. the request line, its URL or its headers are not well-formed.");
    Contract.assertConforms(r.body(), "ErrorEnvelope");
  }

  @Test
  void brokenUtf8InABodyIsAParameterError() throws Exception {
    byte[] body = ("{" + REQUIRED + ",\"orderId\":\"order-\u00e9\"}")
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
            URI.create(mixpay.baseUrl() + "/v1/one_time_payment"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());

    assertEnvelope(r, 400, 1017, "Parameter error. the body is not valid UTF-8 text.");
  }

  @Test
  void anObjectOrArrayWhereAValueBelongsIsThatFieldsTypeErrorNotBrokenJson() throws Exception {
    assertEnvelope(post("application/json", "{" + REQUIRED
        + ",\"orderId\":\"order-obj\",\"quoteAmount\":{\"a\":[1,{}]}}"), 400, 1017,
        "Parameter error. quoteAmount: must be a decimal number in plain notation, like 10 or"
        + " 0.5.");
    assertEnvelope(post("application/json", "{\"payeeId\":[1,2],\"quoteAmount\":1,"
        + "\"quoteAssetId\":\"usd\",\"settlementAssetId\":\"" + Contract.BTC
        + "\",\"orderId\":\"order-arr\"}"), 400, 1017,
        "Parameter error. payeeId: must be text.");
    assertThat(mixpay.mock().payments()).isEmpty();
    assertStillServes();
  }

  @Test
  void brokenJsonIsNamedInJacksonsWordsWithoutItsInternals() throws Exception {
    assertEnvelope(post("application/json", "{" + REQUIRED), 400, 1017,
        "Parameter error. the body is not valid JSON (Unexpected end-of-input: expected close"
        + " marker for Object).");
  }

  @Test
  void aJsonNumberOfTenThousandDigitsMeetsTheAmountRuleNotTheParsersLimit() throws Exception {
    assertEnvelope(post("application/json", "{" + REQUIRED + ",\"orderId\":\"order-long\","
        + "\"quoteAmount\":" + "9".repeat(10_000) + "}"), 400, 1017,
        "Parameter error. quoteAmount: must have at most 18 digits before the decimal point.");
  }

  @Test
  void notANumberIsRefusedWithoutAdviceAboutTheParsersSettings() throws Exception {
    assertEnvelope(post("application/json", "{" + REQUIRED + ",\"orderId\":\"order-nan\","
        + "\"quoteAmount\":NaN}"), 400, 1017,
        "Parameter error. the body is not valid JSON (Non-standard token 'NaN').");
  }

  @Test
  void halfASurrogatePairInJsonTextIsRefusedNotStoredAsAQuestionMark() throws Exception {
    assertEnvelope(post("application/json", "{" + REQUIRED
        + ",\"quoteAmount\":1,\"orderId\":\"order-sur\",\"remark\":\"a\\ud800b\"}"), 400,
        1017, "Parameter error. remark: must be valid Unicode text (it contains half of a"
        + " surrogate pair).");
    assertThat(post("application/json", "{" + REQUIRED + ",\"quoteAmount\":1,"
        + "\"orderId\":\"order-sur\",\"remark\":\"\\ud83d\\ude00\"}").statusCode())
        .as("a whole pair is an ordinary character").isEqualTo(200);
    assertThat(mixpay.mock().payments()).singleElement()
        .satisfies(p -> assertThat(p.parameters().get("remark")).isEqualTo("\ud83d\ude00"));
  }

  @Test
  void aFieldGivenTwiceIsRefusedTheSameInFormAndJson() throws Exception {
    String expected = "Parameter error. orderId: is given more than once.";
    assertEnvelope(post("application/json", "{" + REQUIRED
        + ",\"quoteAmount\":1,\"orderId\":\"order-a1\",\"orderId\":\"order-b2\"}"), 400, 1017,
        expected);
    assertEnvelope(post("application/x-www-form-urlencoded",
        Contract.encode(withAmount("1")) + "&orderId=order-b2"), 400, 1017, expected);
    assertThat(mixpay.mock().payments()).isEmpty();
  }

  @Test
  void emptyOptionalFieldsAreLeftOutInFormAndJsonAlike() throws Exception {
    Map<String, Object> form = withAmount("1");
    form.put("callbackUrl", "");
    form.put("paymentAssetId", "");
    form.put("returnTo", "");
    form.put("expiredTimestamp", "");
    form.put("strictMode", "");
    assertThat(post("application/x-www-form-urlencoded", Contract.encode(form)).statusCode())
        .isEqualTo(200);
    assertThat(post("application/json", "{" + REQUIRED + ",\"quoteAmount\":1,"
        + "\"orderId\":\"order-hostile\",\"callbackUrl\":\"\",\"paymentAssetId\":\"\","
        + "\"returnTo\":null,\"expiredTimestamp\":\"\",\"strictMode\":\"\"}").statusCode())
        .as("the same payment: empty fields are absent fields").isEqualTo(200);
    assertThat(mixpay.mock().payments()).singleElement()
        .satisfies(p -> assertThat(p.parameters()).doesNotContainKeys("callbackUrl",
            "paymentAssetId", "returnTo", "expiredTimestamp"));
  }

  @Test
  void anEmptyRequiredFieldIsMissing() throws Exception {
    Map<String, Object> form = withAmount("1");
    form.put("payeeId", "");
    assertEnvelope(post("application/x-www-form-urlencoded", Contract.encode(form)), 400, 1017,
        "Parameter error. payeeId: is required.");
  }

  @Test
  void anIntegerBeyondItsRangeIsTheSameRuleInFormAndJson() throws Exception {
    String expected = "Parameter error. expiredTimestamp: must be at most 9223372036854775807.";
    Map<String, Object> form = withAmount("1");
    form.put("expiredTimestamp", "9999999999999999999");
    assertEnvelope(post("application/x-www-form-urlencoded", Contract.encode(form)), 400, 1017,
        expected);
    assertEnvelope(post("application/json", "{" + REQUIRED + ",\"quoteAmount\":1,"
        + "\"orderId\":\"order-hostile\",\"expiredTimestamp\":9999999999999999999}"), 400, 1017,
        expected);
    form.put("expiredTimestamp", "1");
    form.put("expireSeconds", "99999999999");
    assertEnvelope(post("application/x-www-form-urlencoded", Contract.encode(form)), 400, 1017,
        "Parameter error. expireSeconds: must be at most 31536000.");
  }

  @Test
  void answersCarryNoInternalHeaders() throws Exception {
    HttpResponse<String> ok = post("application/x-www-form-urlencoded",
        Contract.encode(withAmount("1")));
    HttpResponse<String> refused = post("application/x-www-form-urlencoded", "quoteAmount=x");

    for (HttpResponse<String> r : java.util.List.of(ok, refused)) {
      assertThat(r.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("matched-"));
    }
  }

  @Test
  void anOversizedUrlOrHeaderGetsTheEnvelopeUnderJettysStatus() throws Exception {
    RawHttp.Answer uri = RawHttp.get(mixpay.mock().port(),
        "/v1/payments_result?orderId=" + "a".repeat(200_000));
    assertThat(uri.status()).isEqualTo(414);
    assertThat(JSON.readTree(uri.body()).path("message").asText())
        .isEqualTo("Parameter error. the URL is longer than the server accepts.");
    Contract.assertConforms(uri.body(), "ErrorEnvelope");

    RawHttp.Answer header = RawHttp.send(mixpay.mock().port(), "GET /v1/payments_result"
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "b".repeat(200_000)
        + "\r\nConnection: close\r\n\r\n", new byte[0]);
    assertThat(header.status()).isEqualTo(431);
    assertThat(JSON.readTree(header.body()).path("message").asText())
        .isEqualTo("Parameter error. the request headers are larger than the server accepts.");
    assertStillServes();
  }

  private static Map<String, Object> withAmount(String amount) {
    Map<String, Object> fields = Contract.minimal("order-hostile");
    fields.put("quoteAmount", amount);
    return fields;
  }

  private static HttpResponse<String> post(String type, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(mixpay.baseUrl() + "/v1/one_time_payment"))
        .header("Content-Type", type).timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static void assertEnvelope(HttpResponse<String> r, int status, int code, String message)
      throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode envelope = JSON.readTree(r.body());
    assertThat(envelope.path("code").asInt()).isEqualTo(code);
    assertThat(envelope.path("message").asText()).isEqualTo(message);
    Contract.assertConforms(r.body(), "ErrorEnvelope");
  }

  private static void assertStillServes() throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(mixpay.baseUrl()
        + "/v1/payments_result?traceId=2f0b1c8e-6d4a-4b7e-9c61-0d2f8a9e5b13")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(404);
  }
}
