package dev.mixpaykit.mock;

import static dev.mixpaykit.mock.Contract.form;
import static dev.mixpaykit.mock.Contract.minimal;
import static dev.mixpaykit.mock.Contract.strict;
import static dev.mixpaykit.mock.Contract.wrongOnPurpose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the mock answers to create requests, each answer checked against the spec. */
class CreatePaymentContractTest {

  static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");
  static final long NOW_S = NOW.getEpochSecond();

  @RegisterExtension
  static MixPayMockExtension mixpay = new MixPayMockExtension(
      MixPayMock.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)));

  @Test
  void minimalFormRequestGetsAFreshCodeAndTheCurrentTimestamp() {
    String code = form(strict(mixpay.mock()), minimal("order-0001"))
        .post("/v1/one_time_payment")
        .then().statusCode(200)
        .body("code", equalTo(0))
        .body("success", equalTo(true))
        .body("message", emptyString())
        .body("timestampMs", equalTo(NOW.toEpochMilli()))
        .body("data.code", matchesPattern("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"))
        .extract().path("data.code");

    assertThat(mixpay.mock().payments()).singleElement()
        .satisfies(p -> assertThat(p.code()).isEqualTo(code));
  }

  @Test
  void jsonRequestWithTraceIdGetsTheTraceIdAsCode() {
    String trace = UUID.randomUUID().toString();
    strict(mixpay.mock()).contentType("application/json")
        .body("{\"payeeId\":\"" + Contract.PAYEE + "\",\"quoteAmount\":0.00000001,"
            + "\"quoteAssetId\":\"" + Contract.BTC + "\",\"settlementAssetId\":\"" + Contract.USDT
            + "\",\"traceId\":\"" + trace + "\"}")
        .post("/v1/one_time_payment")
        .then().statusCode(200).body("data.code", equalTo(trace));
  }

  @Test
  void everyFieldAtOnceIsAccepted() {
    Map<String, Object> fields = minimal("order_full-42");
    fields.put("strictMode", "true");
    fields.put("paymentAssetId", Contract.USDT);
    fields.put("remark", "r".repeat(50));
    fields.put("expireSeconds", "31536000");
    fields.put("traceId", UUID.randomUUID().toString());
    fields.put("settlementMemo", "m".repeat(200));
    fields.put("returnTo", "https://shop.example.com/ok?x=1&y=2");
    fields.put("failedReturnTo", "https://shop.example.com/failed");
    fields.put("callbackUrl", "https://shop.example.com/cb?order=42&sig=a%20b");
    fields.put("expiredTimestamp", Long.toString(NOW_S + 3600));

    form(strict(mixpay.mock()), fields).post("/v1/one_time_payment")
        .then().statusCode(200).body("data.code", equalTo(fields.get("traceId")));
  }

  @Test
  void formBooleansMayBeOneOrZeroAndUnknownFieldsAreIgnored() {
    Map<String, Object> fields = minimal("order-legacy");
    fields.put("isTemp", "1");
    fields.put("strictMode", "0");
    fields.put("tagname", "from-an-old-client");

    form(wrongOnPurpose(mixpay.mock()), fields).post("/v1/one_time_payment")
        .then().statusCode(200).body("success", equalTo(true));
    assertThat(mixpay.mock().payments().get(0).parameters())
        .containsEntry("strictMode", "false").doesNotContainKeys("tagname", "isTemp");
  }

  @ParameterizedTest(name = "{0}={1} is accepted")
  @CsvSource(delimiter = '|', value = {
      "remark           | 50 chars",
      "settlementMemo   | 200 chars",
      "expireSeconds    | 1",
      "expireSeconds    | 31536000",
      "orderId          | 6 chars",
      "orderId          | 36 chars",
      "quoteAmount      | 0.00000001",
      "quoteAmount      | 1000",
      "expiredTimestamp | now+11",
      "expiredTimestamp | now+14399",
      "quoteAssetId     | c6d0c728-2624-429b-8e0d-d9d19b6592fa",
      "payeeId          | a38ed284-5689-4fb9-8c2a-91fba5e32ce9",
  })
  void valuesOnTheValidSideOfEachBoundary(String field, String value) {
    Map<String, Object> fields = minimal("order-ok-" + Math.abs(value.hashCode()));
    fields.put(field, expand(value));

    form(wrongOnPurpose(mixpay.mock()), fields).post("/v1/one_time_payment")
        .then().statusCode(200).body("success", equalTo(true));
  }

  @ParameterizedTest(name = "{0}={1} answers {2}")
  @CsvSource(delimiter = '|', value = {
      "remark           | 51 chars     | 1017  | remark: must be at most 50 characters",
      "settlementMemo   | 201 chars    | 1017  | settlementMemo: must be at most 200 characters",
      "expireSeconds    | 0            | 1017  | expireSeconds: must be at least 1",
      "expireSeconds    | 31536001     | 1017  | expireSeconds: must be at most 31536000",
      "expireSeconds    | soon         | 1017  | expireSeconds: must be a whole number",
      "orderId          | 5 chars      | 1017  | orderId: must be at least 6 characters",
      "orderId          | 37 chars     | 1017  | orderId: must be at most 36 characters",
      "orderId          | has space    | 1017  | orderId: must match ^[A-Za-z0-9_-]{6,36}$",
      "traceId          | not-a-uuid   | 1017  | traceId: must be a UUID",
      "quoteAmount      | 0            | 1017  | quoteAmount: must be greater than 0",
      "quoteAmount      | -1           | 1017  | quoteAmount: must be greater than 0",
      "quoteAmount      | 1E+3         | 1017  | quoteAmount: must be a decimal number in plain notation",
      "payeeId          | alice        | 1017  | payeeId: must match",
      "quoteAssetId     | USD          | 1017  | quoteAssetId: must match",
      "settlementAssetId| btc          | 1017  | settlementAssetId: must be a UUID",
      "strictMode       | yes          | 1017  | strictMode: must be true or false",
      "returnTo         | not a url    | 1017  | returnTo: must be a URI",
      "callbackUrl      | http://shop.example.com/cb | 10061 | callbackUrl: must match ^https://[^\\s]+$",
      "expiredTimestamp | now+10       | 10063 | expiredTimestamp: must be more than 10 seconds from now",
      "expiredTimestamp | now-60       | 10063 | expiredTimestamp: must be more than 10 seconds from now",
      "expiredTimestamp | now+14400    | 10064 | expiredTimestamp: must be less than 14400 seconds from now",
  })
  void eachBrokenRuleAnswersItsCodeAndNamesTheField(String field, String value, int code,
      String rule) {
    Map<String, Object> fields = minimal("order-bad-" + Math.abs(value.hashCode()));
    fields.put(field, expand(value));

    form(wrongOnPurpose(mixpay.mock()), fields).post("/v1/one_time_payment")
        .then().statusCode(code == 1017 || code > 10000 ? 400 : 500)
        .body("code", equalTo(code))
        .body("success", equalTo(false))
        .body("message", containsString(rule))
        .body("timestampMs", equalTo(NOW.toEpochMilli()));
    assertThat(mixpay.mock().payments()).isEmpty();
  }

  @Test
  void oneOfOrderIdAndTraceIdIsRequired() {
    Map<String, Object> fields = minimal("unused");
    fields.remove("orderId");

    form(wrongOnPurpose(mixpay.mock()), fields).post("/v1/one_time_payment")
        .then().statusCode(400).body("code", equalTo(1017))
        .body("message", containsString("one of orderId, traceId is required"));
  }

  @Test
  void everyViolationIsNamedInOneAnswer() {
    form(wrongOnPurpose(mixpay.mock()), Map.of("quoteAmount", "abc", "remark", "x".repeat(51),
        "callbackUrl", "http://x.example"))
        .post("/v1/one_time_payment")
        .then().statusCode(400).body("code", equalTo(1017))
        .body("message", containsString("payeeId: is required"))
        .body("message", containsString("quoteAssetId: is required"))
        .body("message", containsString("settlementAssetId: is required"))
        .body("message", containsString("quoteAmount: must be a decimal number"))
        .body("message", containsString("remark: must be at most 50 characters"))
        .body("message", containsString("callbackUrl: must match ^https://"));
  }

  @Test
  void theExpiryUpperBoundCanBeWidenedAsMixPayDidLater() {
    try (MixPayMock wide = MixPayMock.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .maxExpiry(java.time.Duration.ofMinutes(2880)).build().start()) {
      Map<String, Object> fields = minimal("order-wide");
      fields.put("expiredTimestamp", Long.toString(NOW_S + 2879 * 60));
      form(strict(wide), fields).post("/v1/one_time_payment").then().statusCode(200);

      fields.put("orderId", "order-too-wide");
      fields.put("expiredTimestamp", Long.toString(NOW_S + 2880 * 60));
      form(wrongOnPurpose(wide), fields).post("/v1/one_time_payment")
          .then().statusCode(400).body("code", equalTo(10064));
    }
  }

  static String expand(String value) {
    if (value.endsWith(" chars")) {
      return "a".repeat(Integer.parseInt(value.substring(0, value.indexOf(' '))));
    }
    if (value.startsWith("now")) {
      return Long.toString(NOW_S + Long.parseLong(value.substring(3)));
    }
    return value;
  }
}
