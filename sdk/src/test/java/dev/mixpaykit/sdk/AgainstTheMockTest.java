package dev.mixpaykit.sdk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mixpaykit.mock.MixPayMock;
import dev.mixpaykit.mock.MixPayMockExtension;
import dev.mixpaykit.mock.RequestMatch;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SDK against the real mock server, in-process on a free port. */
class AgainstTheMockTest {

  @RegisterExtension
  static MixPayMockExtension mixpay = new MixPayMockExtension();

  private static MixPayClient client(RetryPolicy retry) {
    return MixPayClient.builder().baseUrl(mixpay.baseUrl()).retryPolicy(retry)
        .requestTimeout(Duration.ofSeconds(5)).build();
  }

  private static final RetryPolicy FAST_RETRY = RetryPolicy.builder().maxAttempts(3)
      .initialBackoff(Duration.ofMillis(10)).maxBackoff(Duration.ofMillis(50)).build();

  @Test
  void createsAPaymentAndGivesTheCheckoutLink() {
    OneTimePayment payment = client(RetryPolicy.none())
        .createOneTimePayment(Fixtures.minimal("order-sdk-1").build());

    assertThat(payment.code().toString()).matches("[0-9a-f-]{36}");
    assertThat(payment.checkoutUrl()).isEqualTo(URI.create("https://mixpay.me/code/" + payment.code()));
    assertThat(payment.serverTime()).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(
        Duration.ofMinutes(1).toMillis(), java.time.temporal.ChronoUnit.MILLIS));
    assertThat(mixpay.mock().payments()).singleElement()
        .satisfies(p -> assertThat(p.code()).isEqualTo(payment.code().toString()));
  }

  @Test
  void aTraceIdBecomesTheCode() {
    UUID trace = UUID.randomUUID();
    OneTimePayment payment = client(RetryPolicy.none()).createOneTimePayment(
        Fixtures.minimal("order-sdk-2").traceId(trace).build());

    assertThat(payment.code()).isEqualTo(trace);
  }

  @Test
  void jsonBodiesWorkToo() {
    MixPayClient json = MixPayClient.builder().baseUrl(mixpay.baseUrl())
        .bodyEncoding(BodyEncoding.JSON).build();
    json.createOneTimePayment(Fixtures.minimal("order-json")
        .quoteAmount(new BigDecimal("0.00000001")).build());

    assertThat(mixpay.mock().requests().get(0).header("Content-Type"))
        .isEqualTo("application/json");
  }

  @Test
  void invalidRequestsNeverLeaveTheJvm() {
    MixPayValidationException e = catchThrowableOfType(MixPayValidationException.class,
        () -> client(RetryPolicy.none()).createOneTimePayment(
            Fixtures.minimal("order-bad").remark("r".repeat(51)).expireSeconds(0).build()));

    assertThat(e.violations()).extracting(MixPayValidationException.Violation::field)
        .containsExactly("expireSeconds", "remark");
    assertThat(mixpay.mock().requests()).isEmpty();
  }

  @ParameterizedTest(name = "code {0} -> {1}")
  @CsvSource({
      "1017, MixPayRequestException, 400",
      "10001, MixPayRequestException, 400",
      "10061, MixPayRequestException, 400",
      "10020, MixPayConflictException, 409",
      "1429, MixPayRateLimitException, 429",
      "-1, MixPayServerException, 500",
      "10008, MixPayServerException, 503"})
  void eachErrorClassCarriesMixPaysCode(int code, String type, int status) {
    mixpay.mock().failNext(RequestMatch.any(), code);

    MixPayApiException e = catchThrowableOfType(MixPayApiException.class,
        () -> client(RetryPolicy.none()).createOneTimePayment(
            Fixtures.minimal("order-err").build()));

    assertThat(e.getClass().getSimpleName()).isEqualTo(type);
    assertThat(e.code()).isEqualTo(code);
    assertThat(e.errorCode()).isPresent().get().extracting(ErrorCode::code).isEqualTo(code);
    assertThat(e.httpStatus()).isEqualTo(status);
    assertThat(e.timestampMs()).isPositive();
    assertThat(e.rawBody()).contains("\"code\":" + code);
    assertThat(e.mixPayMessage()).isNotBlank();
  }

  @Test
  void anErrorUnderHttp200IsStillAnError() {
    stub(200, "{\"code\":10004,\"success\":false,\"message\":\"Price too low.\",\"data\":[],"
        + "\"timestampMs\":1672912800123}");

    MixPayRequestException e = catchThrowableOfType(MixPayRequestException.class,
        () -> client(RetryPolicy.none()).createOneTimePayment(Fixtures.minimal("order-200").build()));

    assertThat(e.code()).isEqualTo(10004);
    assertThat(e.errorCode()).contains(ErrorCode.PRICE_TOO_LOW);
    assertThat(e.httpStatus()).isEqualTo(200);
    assertThat(e.timestampMs()).isEqualTo(1672912800123L);
  }

  @Test
  void anUncataloguedCodeIsKeptAsANumber() {
    stub(200, "{\"code\":12345,\"success\":false,\"message\":\"New.\",\"data\":[]}");

    MixPayApiException e = catchThrowableOfType(MixPayApiException.class,
        () -> client(RetryPolicy.none()).createOneTimePayment(Fixtures.minimal("order-new").build()));

    assertThat(e.code()).isEqualTo(12345);
    assertThat(e.errorCode()).isEmpty();
    assertThat(e.timestampMs()).isNull();
  }

  @ParameterizedTest(name = "HTTP {0} with [{1}]")
  @CsvSource(delimiter = '|', value = {
      "502 | <html><body>Bad gateway</body></html>",
      "200 | ''",
      "200 | {\"code\":0,\"success\":tr",
      "200 | {\"hello\":\"world\"}",
      "200 | {\"code\":0,\"success\":true,\"message\":\"\",\"data\":{}}",
      "200 | [1,2]"})
  void anythingThatIsNotAnEnvelopeIsATransportFailure(int status, String body) {
    stub(status, body);

    MixPayTransportException e = catchThrowableOfType(MixPayTransportException.class,
        () -> client(RetryPolicy.none()).createOneTimePayment(Fixtures.minimal("order-junk").build()));

    assertThat(e.httpStatus()).hasValue(status);
    assertThat(e.getMessage()).startsWith("MixPay answered HTTP " + status + " with");
  }

  @Test
  void aResetConnectionIsATransportFailure() {
    mixpay.mock().dropNext(RequestMatch.any());

    MixPayTransportException e = catchThrowableOfType(MixPayTransportException.class,
        () -> client(RetryPolicy.none()).createOneTimePayment(Fixtures.minimal("order-drop").build()));

    assertThat(e).isNotInstanceOf(MixPayTimeoutException.class);
    assertThat(e.httpStatus()).isEmpty();
  }

  @Test
  void aSlowAnswerIsATimeoutNotAHang() {
    mixpay.mock().delayNext(RequestMatch.any(), Duration.ofSeconds(3));
    MixPayClient impatient = MixPayClient.builder().baseUrl(mixpay.baseUrl())
        .requestTimeout(Duration.ofMillis(300)).retryPolicy(RetryPolicy.none()).build();

    MixPayTimeoutException e = catchThrowableOfType(MixPayTimeoutException.class,
        () -> impatient.createOneTimePayment(Fixtures.minimal("order-slow").build()));

    assertThat(e.getMessage()).contains("no answer");
  }

  @Test
  void aRetriedRequestMakesExactlyOnePayment() {
    // The mock creates the payment, then resets the connection: the retry finds it.
    mixpay.mock().dropNext(RequestMatch.any());

    OneTimePayment payment = client(FAST_RETRY).createOneTimePayment(
        Fixtures.minimal("order-retried").build());

    assertThat(mixpay.mock().requests()).hasSize(2);
    assertThat(mixpay.mock().payments()).singleElement()
        .satisfies(p -> assertThat(p.code()).isEqualTo(payment.code().toString()));
  }

  @Test
  void serverErrorsAndRateLimitsAreRetriedUpToTheLimit() {
    mixpay.mock().failNext(RequestMatch.any(), -1);
    mixpay.mock().failNext(RequestMatch.any(), 1429);

    client(FAST_RETRY).createOneTimePayment(Fixtures.minimal("order-flaky").build());
    assertThat(mixpay.mock().requests()).hasSize(3);

    mixpay.mock().reset();
    for (int i = 0; i < 3; i++) {
      mixpay.mock().failNext(RequestMatch.any(), 10008);
    }
    MixPayServerException e = catchThrowableOfType(MixPayServerException.class,
        () -> client(FAST_RETRY).createOneTimePayment(Fixtures.minimal("order-down").build()));
    assertThat(e.code()).isEqualTo(10008);
    assertThat(mixpay.mock().requests()).hasSize(3);
  }

  @Test
  void aWrongRequestIsNotRetried() {
    mixpay.mock().failNext(RequestMatch.any(), 10004);

    catchThrowableOfType(MixPayRequestException.class,
        () -> client(FAST_RETRY).createOneTimePayment(Fixtures.minimal("order-low").build()));

    assertThat(mixpay.mock().requests()).hasSize(1);
  }

  @Test
  void aRetryAfterBeyondTheTimeBudgetEndsWithTheRateLimitException() {
    mixpay.mock().rateLimit(1);
    MixPayClient c = client(FAST_RETRY);
    c.createOneTimePayment(Fixtures.minimal("order-rl-1").build());

    MixPayRateLimitException e = catchThrowableOfType(MixPayRateLimitException.class,
        () -> c.createOneTimePayment(Fixtures.minimal("order-rl-2").build()));

    assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive());
    assertThat(mixpay.mock().requests()).hasSize(2);
  }

  @Test
  void aRetryAfterWithinTheBudgetIsHonouredAndOneBeyondItIsNot() {
    RetryPolicy tight = RetryPolicy.builder().initialBackoff(Duration.ofMillis(1))
        .maxBackoff(Duration.ofMillis(1)).maxElapsed(Duration.ofMillis(500)).build();
    String limited = "{\"code\":1429,\"success\":false,\"message\":\"Too fast.\",\"data\":[]}";
    mixpay.mock().wireMock().stubFor(post(urlEqualTo("/v1/one_time_payment")).atPriority(1)
        .inScenario("rl").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0").withBody(limited))
        .willSetStateTo("again"));

    client(tight).createOneTimePayment(Fixtures.minimal("order-ra-0").build());
    assertThat(mixpay.mock().requests()).hasSize(2); // waited 0 s as told, then succeeded

    mixpay.mock().reset();
    stubWithHeader(429, limited, "Retry-After", "1"); // 1 s is beyond the 500 ms budget
    MixPayRateLimitException e = catchThrowableOfType(MixPayRateLimitException.class,
        () -> client(tight).createOneTimePayment(Fixtures.minimal("order-ra-1").build()));
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
    assertThat(mixpay.mock().requests()).hasSize(1);
  }

  @Test
  void asyncCallsSucceedRetryAndFailLikeSyncOnes() {
    mixpay.mock().dropNext(RequestMatch.any());
    OneTimePayment payment = client(FAST_RETRY)
        .createOneTimePaymentAsync(Fixtures.minimal("order-async").build()).join();
    assertThat(mixpay.mock().payments()).singleElement()
        .satisfies(p -> assertThat(p.code()).isEqualTo(payment.code().toString()));

    CompletionException invalid = catchThrowableOfType(CompletionException.class,
        () -> client(FAST_RETRY).createOneTimePaymentAsync(
            Fixtures.minimal("x").build()).join()); // orderId too short
    assertThat(invalid).hasCauseInstanceOf(MixPayValidationException.class);

    mixpay.mock().failNext(RequestMatch.any(), 10020);
    CompletionException conflict = catchThrowableOfType(CompletionException.class,
        () -> client(FAST_RETRY).createOneTimePaymentAsync(
            Fixtures.minimal("order-async-2").build()).join());
    assertThat(conflict).hasCauseInstanceOf(MixPayConflictException.class);
  }

  private static void stubWithHeader(int status, String body, String header, String value) {
    mixpay.mock().wireMock().stubFor(post(urlEqualTo("/v1/one_time_payment")).atPriority(1)
        .willReturn(aResponse().withStatus(status).withHeader(header, value).withBody(body)));
  }

  private static void stub(int status, String body) {
    MixPayMock mock = mixpay.mock();
    mock.wireMock().stubFor(post(urlEqualTo("/v1/one_time_payment")).atPriority(1)
        .willReturn(aResponse().withStatus(status).withBody(body)));
  }
}
