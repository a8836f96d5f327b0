package dev.mixpaykit.mock;

import static dev.mixpaykit.mock.Contract.form;
import static dev.mixpaykit.mock.Contract.minimal;
import static dev.mixpaykit.mock.Contract.strict;
import static dev.mixpaykit.mock.Contract.wrongOnPurpose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /v1/payments_result answers from each payment's state, checked against the spec. */
class PaymentResultContractTest {

  static final MovingClock CLOCK = new MovingClock(Instant.parse("2026-01-05T10:00:00Z"));

  @RegisterExtension
  static MixPayMockExtension mixpay = new MixPayMockExtension(MixPayMock.builder().clock(CLOCK));

  private static String create(Map<String, Object> fields) {
    return form(strict(mixpay.mock()), fields).post("/v1/one_time_payment")
        .then().statusCode(200).extract().path("data.code");
  }

  private static ValidatableResponse result(String query) {
    return strict(mixpay.mock()).get("/v1/payments_result?" + query).then();
  }

  @Test
  void aNewPaymentIsUnpaid() {
    String code = create(minimal("order-res-1"));

    result("traceId=" + code).statusCode(200)
        .body("code", equalTo(0)).body("success", equalTo(true))
        .body("data.status", equalTo("unpaid"))
        .body("data.traceId", equalTo(code))
        .body("data.payeeId", equalTo(Contract.PAYEE))
        .body("data.quoteAmount", equalTo("10"))
        .body("data.quoteAssetId", equalTo("usd"))
        .body("data.quoteSymbol", equalTo("USD"))
        .body("data.failureCode", equalTo("0"))
        .body("data.paymentAmount", nullValue());
  }

  @Test
  void paidInFullItSucceedsWithAmountsAsStrings() {
    String code = create(minimal("order-res-2"));
    mixpay.mock().markPending(code);
    result("traceId=" + code).body("data.status", equalTo("pending"));
    mixpay.mock().payInFull(code);

    result("orderId=order-res-2&payeeId=" + Contract.PAYEE).statusCode(200)
        .body("data.status", equalTo("success"))
        .body("data.paymentAmount", equalTo("10"))
        .body("data.settleAmount", equalTo("10"))
        .body("data.settleStatus", equalTo("success"))
        .body("data.date", equalTo((int) CLOCK.instant().getEpochSecond()));
  }

  @Test
  void paidLessItWaitsAndFailsUnderpaidAtTheDeadline() {
    String code = create(minimal("order-res-3"));
    mixpay.mock().pay(code, new BigDecimal("4"));
    result("traceId=" + code).body("data.status", equalTo("paid_less"))
        .body("data.paymentAmount", equalTo("4"));

    mixpay.mock().expire(code);
    result("traceId=" + code).body("data.status", equalTo("failed"))
        .body("data.failureCode", equalTo("40024"));
  }

  @Test
  void anUnpaidPaymentFailsWithPaymentOvertimeOnceItsDeadlinePasses() {
    Map<String, Object> fields = minimal("order-res-4");
    fields.put("expiredTimestamp", CLOCK.instant().getEpochSecond() + 60);
    String code = create(fields);
    result("traceId=" + code).body("data.status", equalTo("unpaid"));

    CLOCK.advance(Duration.ofSeconds(61));
    result("traceId=" + code).body("data.status", equalTo("failed"))
        .body("data.failureCode", equalTo("40000"))
        .body("data.failureReason", equalTo("Payment overtime"));
  }

  @Test
  void aFailedPaymentCarriesItsFailureCode() {
    String code = create(minimal("order-res-5"));
    mixpay.mock().fail(code, Failure.CANCELLED);

    result("traceId=" + code).body("data.status", equalTo("failed"))
        .body("data.failureCode", equalTo("40032")).body("data.failureReason", equalTo("Cancelled"));
  }

  @Test
  void aFinishedPaymentCannotBeCreatedAgain() {
    String code = create(minimal("order-res-6"));
    mixpay.mock().payInFull(code);

    form(strict(mixpay.mock()), minimal("order-res-6")).post("/v1/one_time_payment")
        .then().statusCode(409).body("code", equalTo(10020));
  }

  @Test
  void withoutAnIdentifierItIsAParameterError() {
    wrongOnPurpose(mixpay.mock()).get("/v1/payments_result").then().statusCode(400)
        .body("code", equalTo(1017))
        .body("message", containsString("traceId, or orderId with payeeId is required"));
    wrongOnPurpose(mixpay.mock()).get("/v1/payments_result?orderId=order-res-7").then()
        .statusCode(400).body("code", equalTo(1017));
    wrongOnPurpose(mixpay.mock()).get("/v1/payments_result?traceId=not-a-uuid").then()
        .statusCode(400).body("message", containsString("traceId: must be a UUID"));
  }

  @Test
  void anUnknownPaymentIsNotFound() {
    result("traceId=2f0b1c8e-6d4a-4b7e-9c61-0d2f8a9e5b13").statusCode(404)
        .body("code", equalTo(404))
        .body("message", containsString("no payment with traceId"));
  }

  @Test
  void theTestControlsWorkOverHttp() {
    String code = create(minimal("order-res-8"));
    var admin = RestAssured.given().baseUri(mixpay.baseUrl()).contentType("application/json");

    admin.body("{}").post("/__admin/mixpay/payments/" + code + "/pending")
        .then().statusCode(200).body("status", equalTo("pending"));
    admin.body("{\"amount\":\"3\"}").post("/__admin/mixpay/payments/" + code + "/pay")
        .then().statusCode(200).body("status", equalTo("paid_less"));
    admin.body("{\"amount\":\"x\"}").post("/__admin/mixpay/payments/" + code + "/pay")
        .then().statusCode(400);
    admin.body("{}").post("/__admin/mixpay/payments/" + code + "/pay")
        .then().statusCode(200).body("status", equalTo("success")).body("paidAmount", equalTo("10"));
    admin.body("{}").post("/__admin/mixpay/payments/" + code + "/expire").then().statusCode(409);
    admin.body("{}").post("/__admin/mixpay/payments/nope/expire").then().statusCode(404);

    String other = create(minimal("order-res-9"));
    admin.body("{\"failureCode\":\"40020\",\"failureReason\":\"Wrong asset\"}")
        .post("/__admin/mixpay/payments/" + other + "/fail")
        .then().statusCode(200).body("failureCode", equalTo(40020));
    admin.body("{}").post("/__admin/mixpay/payments/" + create(minimal("order-res-10")) + "/expire")
        .then().statusCode(200).body("failureCode", equalTo(40000));
    assertThat(mixpay.mock().payments()).extracting(CreatedPayment::status)
        .containsExactly(PaymentStatus.SUCCESS, PaymentStatus.FAILED, PaymentStatus.FAILED);
  }
}
