package dev.mixpaykit.mock;

import static dev.mixpaykit.mock.Contract.form;
import static dev.mixpaykit.mock.Contract.minimal;
import static dev.mixpaykit.mock.Contract.strict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.restassured.RestAssured;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Failures, delays, drops and the rate limit, from Java and over the admin API. */
class TestControlsTest {

  @RegisterExtension
  static MixPayMockExtension mixpay = new MixPayMockExtension();

  @ParameterizedTest(name = "failNext({0}) answers HTTP {1}")
  @CsvSource({"10008, 503", "-1, 500", "10001, 400", "10020, 409", "1429, 429"})
  void theNextRequestFailsWithTheCataloguedCodeAndStatusThenAllIsNormal(int code, int status) {
    mixpay.mock().failNext(RequestMatch.any(), code);

    form(strict(mixpay.mock()), minimal("order-fail")).post("/v1/one_time_payment")
        .then().statusCode(status).body("code", equalTo(code)).body("success", equalTo(false));
    assertThat(mixpay.mock().payments()).isEmpty();
    form(strict(mixpay.mock()), minimal("order-fail")).post("/v1/one_time_payment")
        .then().statusCode(200);
  }

  @Test
  void aFailureAimedAtOneOrderLeavesOtherOrdersAlone() {
    mixpay.mock().failNext(RequestMatch.orderId("order-target"), 10004);

    form(strict(mixpay.mock()), minimal("order-bystander")).post("/v1/one_time_payment")
        .then().statusCode(200);
    form(strict(mixpay.mock()), minimal("order-target")).post("/v1/one_time_payment")
        .then().statusCode(400).body("code", equalTo(10004));
  }

  @Test
  void aFailureAimedAtAPayeeMatchesThatPayee() {
    mixpay.mock().failNext(RequestMatch.payeeId(Contract.PAYEE), 10001);

    form(strict(mixpay.mock()), minimal("order-payee")).post("/v1/one_time_payment")
        .then().statusCode(400).body("code", equalTo(10001));
  }

  @Test
  void aDelayedAnswerArrivesNoSoonerThanTheDelay() {
    mixpay.mock().delayNext(RequestMatch.any(), Duration.ofMillis(400));

    long start = System.nanoTime();
    form(strict(mixpay.mock()), minimal("order-slow")).post("/v1/one_time_payment")
        .then().statusCode(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(
        Duration.ofMillis(400));
  }

  @Test
  void aDroppedRequestIsProcessedButNeverAnswered() {
    mixpay.mock().dropNext(RequestMatch.any());

    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(URI.create(mixpay.baseUrl()
            + "/v1/one_time_payment"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(Contract.encode(minimal("order-drop"))))
        .build();
    assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
    assertThat(mixpay.mock().payments()).hasSize(1);
  }

  @Test
  void pastTheRateLimitTheAnswerIs1429WithTheRateLimitHeaders() {
    mixpay.mock().rateLimit(2);

    form(strict(mixpay.mock()), minimal("order-rl-1")).post("/v1/one_time_payment")
        .then().statusCode(200).header("x-ratelimit-limit", "2")
        .header("x-ratelimit-remaining", "1");
    form(strict(mixpay.mock()), minimal("order-rl-2")).post("/v1/one_time_payment")
        .then().statusCode(200).header("x-ratelimit-remaining", "0");
    form(strict(mixpay.mock()), minimal("order-rl-3")).post("/v1/one_time_payment")
        .then().statusCode(429).body("code", equalTo(1429))
        .header("x-ratelimit-limit", "2").header("x-ratelimit-remaining", "0")
        .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"));

    mixpay.mock().noRateLimit();
    form(strict(mixpay.mock()), minimal("order-rl-3")).post("/v1/one_time_payment")
        .then().statusCode(200);
  }

  @Test
  void theJournalHoldsWhatWasReceived() {
    form(strict(mixpay.mock()), minimal("order-journal")).post("/v1/one_time_payment");

    assertThat(mixpay.mock().requests()).singleElement().satisfies(r -> {
      assertThat(r.url()).isEqualTo("/v1/one_time_payment");
      assertThat(r.body()).contains("orderId=order-journal");
    });
  }

  @Test
  void everyControlWorksOverHttpToo() {
    admin().body("{\"orderId\":\"order-http\",\"errorCode\":10008}")
        .post("/__admin/mixpay/next").then().statusCode(201);
    form(strict(mixpay.mock()), minimal("order-http")).post("/v1/one_time_payment")
        .then().statusCode(503).body("code", equalTo(10008));

    admin().body("{\"requestsPerMinute\":1}").put("/__admin/mixpay/rate-limit")
        .then().statusCode(200);
    form(strict(mixpay.mock()), minimal("order-http")).post("/v1/one_time_payment")
        .then().statusCode(200);
    form(strict(mixpay.mock()), minimal("order-http")).post("/v1/one_time_payment")
        .then().statusCode(429);
    admin().delete("/__admin/mixpay/rate-limit").then().statusCode(200);

    admin().get("/__admin/mixpay/payments").then().statusCode(200)
        .body("", hasSize(1)).body("[0].orderId", equalTo("order-http"));
    admin().get("/__admin/requests").then().statusCode(200).body("requests", hasSize(3));

    admin().post("/__admin/mixpay/reset").then().statusCode(200);
    assertThat(mixpay.mock().payments()).isEmpty();
    assertThat(mixpay.mock().requests()).isEmpty();
  }

  @Test
  void theAdminApiRefusesControlsItCannotCarryOut() {
    admin().body("{\"errorCode\":12345}").post("/__admin/mixpay/next").then().statusCode(400);
    admin().body("{\"errorCode\":10008,\"drop\":true}").post("/__admin/mixpay/next")
        .then().statusCode(400);
    admin().body("not json").post("/__admin/mixpay/next").then().statusCode(400);
    admin().body("{\"requestsPerMinute\":0}").put("/__admin/mixpay/rate-limit")
        .then().statusCode(400);
  }

  private static io.restassured.specification.RequestSpecification admin() {
    return RestAssured.given().baseUri(mixpay.baseUrl()).contentType("application/json");
  }
}
