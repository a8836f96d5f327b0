package dev.mixpaykit.mock;

import static dev.mixpaykit.mock.Contract.form;
import static dev.mixpaykit.mock.Contract.minimal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** Every error envelope under HTTP 200 (some MixPay deployments), from Java, CLI and admin API. */
class ErrorStyleTest {

  @Test
  void fromTheBuilderEveryErrorIsHttp200WithTheSameEnvelope() {
    try (MixPayMock mock = MixPayMock.builder().http200Errors(true).build().start()) {
      assertThat(mock.http200Errors()).isTrue();
      form(given(mock), Contract.minimal("bad order id")).post("/v1/one_time_payment")
          .then().statusCode(200).body("code", equalTo(1017)).body("success", equalTo(false))
          .body("message", equalTo("Parameter error. orderId: must match ^[A-Za-z0-9_-]{6,36}$."));
      given(mock).get("/v1/nothing").then().statusCode(200).body("code", equalTo(404));
      mock.failNext(RequestMatch.any(), 10008);
      form(given(mock), minimal("order-style")).post("/v1/one_time_payment")
          .then().statusCode(200).body("code", equalTo(10008));
      mock.rateLimit(1);
      form(given(mock), minimal("order-style")).post("/v1/one_time_payment")
          .then().statusCode(200).body("code", equalTo(0)).body("success", equalTo(true));
      form(given(mock), minimal("order-style")).post("/v1/one_time_payment")
          .then().statusCode(200).body("code", equalTo(1429))
          .header("Retry-After", org.hamcrest.Matchers.notNullValue());
    }
  }

  @Test
  void atRunTimeFromJavaAndOverTheAdminApi() {
    try (MixPayMock mock = MixPayMock.builder().build().start()) {
      given(mock).get("/v1/payments_result").then().statusCode(400).body("code", equalTo(1017));

      mock.http200Errors(true);
      given(mock).get("/v1/payments_result").then().statusCode(200).body("code", equalTo(1017));

      given(mock).contentType("application/json").body("{\"http200\":false}")
          .put("/__admin/mixpay/error-style").then().statusCode(200)
          .body("http200", equalTo(false));
      assertThat(mock.http200Errors()).isFalse();
      given(mock).get("/v1/payments_result").then().statusCode(400);

      given(mock).contentType("application/json").body("{\"http200\":true}")
          .put("/__admin/mixpay/error-style").then().statusCode(200);
      given(mock).get("/__admin/mixpay/error-style").then().body("http200", equalTo(true));
      given(mock).get("/v1/payments_result").then().statusCode(200).body("code", equalTo(1017));

      given(mock).contentType("application/json").body("{\"http200\":\"yes\"}")
          .put("/__admin/mixpay/error-style").then().statusCode(400);
    }
  }

  @Test
  void theCommandLineTakesTheFlag() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(Main.run(new String[] {"--help"}, new PrintStream(out), System.err)).isZero();
    assertThat(out.toString()).contains("--http-200-errors", "--max-payments");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(Main.run(new String[] {"--max-payments", "0"}, System.out, new PrintStream(err)))
        .isEqualTo(2);
    assertThat(err.toString()).contains("error: maxPayments must be positive");
  }

  private static RequestSpecification given(MixPayMock mock) {
    return RestAssured.given().baseUri(mock.baseUrl());
  }
}
