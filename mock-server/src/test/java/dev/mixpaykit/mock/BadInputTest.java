package dev.mixpaykit.mock;

import static dev.mixpaykit.mock.Contract.wrongOnPurpose;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Nothing a client sends makes the mock answer with anything but a MixPay envelope. */
class BadInputTest {

  @RegisterExtension
  static MixPayMockExtension mixpay = new MixPayMockExtension();

  @Test
  void malformedJson() {
    json("{\"payeeId\": ").then().statusCode(400).body("code", equalTo(1017))
        .body("message", containsString("not valid JSON"));
  }

  @Test
  void jsonThatIsNotAnObject() {
    json("[1,2,3]").then().statusCode(400).body("code", equalTo(1017))
        .body("message", containsString("must be a JSON object"));
  }

  @Test
  void trailingGarbageAfterJson() {
    json("{} {}").then().statusCode(400).body("code", equalTo(1017));
  }

  @Test
  void emptyBody() {
    wrongOnPurpose(mixpay.mock()).contentType("application/x-www-form-urlencoded").body("")
        .post("/v1/one_time_payment")
        .then().statusCode(400).body("code", equalTo(1017))
        .body("message", containsString("the body is empty; required: payeeId"));
  }

  @Test
  void wrongContentType() {
    wrongOnPurpose(mixpay.mock()).contentType("text/plain").body("payeeId=x")
        .post("/v1/one_time_payment")
        .then().statusCode(400).body("code", equalTo(1017))
        .body("message", containsString("Content-Type must be application/x-www-form-urlencoded"
            + " or application/json (got text/plain)"));
  }

  @Test
  void oversizedBody() {
    String big = "{\"remark\":\"" + "x".repeat(70_000) + "\"}";
    json(big).then().statusCode(400).body("code", equalTo(1017))
        .body("message", containsString("larger than 65536 bytes"));
  }

  @Test
  void brokenPercentEncodingInAForm() {
    // The validation filter cannot read this body itself, so the envelope is checked directly.
    Response r = RestAssured.given().baseUri(mixpay.baseUrl())
        .contentType("application/x-www-form-urlencoded")
        .body("payeeId=%zz&quoteAmount=%").post("/v1/one_time_payment");
    r.then().statusCode(400).body("code", equalTo(1017));
    Contract.assertErrorEnvelope(r);
  }

  @Test
  void anUnknownCharsetIsNotTheServersProblem() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (String type : new String[] {"application/x-www-form-urlencoded; charset=nope",
        "application/json; charset=nope"}) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(
              URI.create(mixpay.baseUrl() + "/v1/one_time_payment"))
          .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
      assertThat(r.body()).contains("\"code\":1017");
    }
  }

  @Test
  void unknownRouteGetsTheNotFoundEnvelope() {
    Response r = RestAssured.given().baseUri(mixpay.baseUrl()).get("/v1/nothing_here");
    r.then().statusCode(404).body("code", equalTo(404))
        .body("message", containsString("no route GET /v1/nothing_here"));
    Contract.assertErrorEnvelope(r);
  }

  @Test
  void wrongMethodGetsTheNotFoundEnvelope() {
    Response r = RestAssured.given().baseUri(mixpay.baseUrl()).delete("/v1/one_time_payment");
    r.then().statusCode(404).body("code", equalTo(404))
        .body("message", containsString("DELETE is not allowed on /v1/one_time_payment; use POST"));
    Contract.assertErrorEnvelope(r);
  }

  private static Response json(String body) {
    return wrongOnPurpose(mixpay.mock()).contentType("application/json").body(body)
        .post("/v1/one_time_payment");
  }
}
