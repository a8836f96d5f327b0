package dev.mixpaykit.mock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The admin API reads its own URLs as carefully as the mock reads MixPay's: a malformed one
 * is a 400 with a JSON {@code {"error": ...}} like the admin API's other refusals, never
 * WireMock's HTML 500 page with a stack trace, and the mock keeps serving.
 */
class AdminInputTest {

  @RegisterExtension
  static MixPayMockExtension mixpay = new MixPayMockExtension();

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "/__admin/mixpay/payments?offset=%zz | the query string is not correctly URL-encoded: \"%zz\" is not a percent escape (write % as %25)",
      "/__admin/mixpay/payments?limit=1%2 | the query string is not correctly URL-encoded: \"%2\" is not a percent escape (write % as %25)",
      "/__admin/requests?since=%ZZ | the query string is not correctly URL-encoded: \"%ZZ\" is not a percent escape (write % as %25)",
      "/__admin/mixpay/payments?offset=%C3%28 | the query string is not valid UTF-8 text",
  })
  void aMalformedAdminUrlIsAJsonRefusal(String target, String error) throws Exception {
    RawHttp.Answer answer = RawHttp.get(mixpay.port(), target);

    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(answer.headers().get("content-type")).isEqualTo("application/json");
    assertThat(JSON.readValue(answer.body(), Map.class)).isEqualTo(Map.of("error", error));
    // Still serving, admin API and MixPay's API alike.
    assertThat(RawHttp.get(mixpay.port(), "/__admin/mixpay/payments?offset=0").status())
        .isEqualTo(200);
    assertThat(RawHttp.post(mixpay.port(), "/v1/one_time_payment",
        "application/x-www-form-urlencoded", Contract.encode(Contract.minimal("order-admin"))
            .getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
  }

  @Test
  void aMalformedAdminPathIsRefusedByJettyWithTheEnvelope() throws Exception {
    // Jetty refuses a bad escape in the path before any servlet runs, admin API or not.
    RawHttp.Answer answer = RawHttp.get(mixpay.port(), "/__admin/mixpay/%zz");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(JSON.readTree(answer.body()).path("message").asText())
        .isEqualTo("Parameter error. the request line, its URL or its headers are not well-formed.");
  }

  @Test
  void aMalformedFormBodyToTheAdminApiIsAJsonRefusalToo() throws Exception {
    RawHttp.Answer answer = RawHttp.post(mixpay.port(), "/__admin/mixpay/next",
        "application/x-www-form-urlencoded", "errorCode=%zz".getBytes(StandardCharsets.UTF_8));

    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(JSON.readValue(answer.body(), Map.class))
        .isEqualTo(Map.of("error", "the body must be a JSON object"));
  }

  @Test
  void aWellFormedAdminQueryStillWorks() throws Exception {
    RawHttp.Answer answer = RawHttp.get(mixpay.port(), "/__admin/mixpay/payments?offset=%30");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("[]");
  }
}
