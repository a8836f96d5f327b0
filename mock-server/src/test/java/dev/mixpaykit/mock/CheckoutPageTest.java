package dev.mixpaykit.mock;

import static dev.mixpaykit.mock.Contract.form;
import static dev.mixpaykit.mock.Contract.minimal;
import static dev.mixpaykit.mock.Contract.strict;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /code/{code} shows what the hosted checkout shows for the code's state. */
class CheckoutPageTest {

  @RegisterExtension
  static MixPayMockExtension mixpay = new MixPayMockExtension();

  private static String create(String orderId) {
    return form(strict(mixpay.mock()), minimal(orderId)).post("/v1/one_time_payment")
        .then().statusCode(200).extract().path("data.code");
  }

  @Test
  void aPayableCodeShowsThePaymentPage() {
    String code = create("order-page-1");

    strict(mixpay.mock()).get("/code/" + code).then().statusCode(200)
        .contentType(containsString("text/html"))
        .body(containsString("data-status=\"unpaid\"")).body(containsString("Pay 10 USD"));
  }

  @Test
  void aPaidCodeSaysItIsComplete() {
    String code = create("order-page-2");
    mixpay.mock().payInFull(code);

    strict(mixpay.mock()).get("/code/" + code).then().statusCode(200)
        .body(containsString("data-status=\"success\""));
  }

  @Test
  void anExpiredCodeIsGone() {
    String code = create("order-page-3");
    mixpay.mock().expire(code);

    strict(mixpay.mock()).get("/code/" + code).then().statusCode(410)
        .body(containsString("This payment link has expired."));
  }

  @Test
  void anUnknownCodeDoesNotExist() {
    strict(mixpay.mock()).get("/code/525502dd-e552-4505-b114-32fe32ff23c2").then()
        .statusCode(404)
        .body(containsString("The payment link you visited does not exist."));
  }
}
