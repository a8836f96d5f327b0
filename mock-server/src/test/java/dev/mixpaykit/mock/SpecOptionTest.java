package dev.mixpaykit.mock;

import static dev.mixpaykit.mock.Contract.form;
import static dev.mixpaykit.mock.Contract.minimal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restassured.RestAssured;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spec comes from the openapi jar by default, or from a file. */
class SpecOptionTest {

  @Test
  void aSpecFileDrivesTheMockLikeTheEmbeddedOne() {
    try (MixPayMock mock = MixPayMock.builder()
        .spec(Path.of("../openapi/mixpay.openapi.yaml")).build().start()) {
      form(RestAssured.given().baseUri(mock.baseUrl()), minimal("order-file"))
          .post("/v1/one_time_payment").then().statusCode(200);
    }
  }

  @Test
  void aRuleChangedInTheSpecChangesTheMock(@TempDir Path dir) throws Exception {
    String spec = Files.readString(Path.of("../openapi/mixpay.openapi.yaml"))
        .replace("maxLength: 50\n", "maxLength: 5\n");
    Path edited = Files.writeString(dir.resolve("edited.yaml"), spec);

    try (MixPayMock mock = MixPayMock.builder().spec(edited).build().start()) {
      var fields = minimal("order-edited");
      fields.put("remark", "123456");
      form(RestAssured.given().baseUri(mock.baseUrl()), fields).post("/v1/one_time_payment")
          .then().statusCode(400)
          .body("message", org.hamcrest.Matchers.containsString(
              "remark: must be at most 5 characters"));
    }
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "conflictErrorCode: 10020 | conflictErrorCode: ten | x-mixpay-idempotency on operation createOneTimePayment: conflictErrorCode must be an integer, not \"ten\"",
      "belowMinimumErrorCode: 10063 | belowMinimumErrorCode: [1] | x-mixpay-seconds-from-now on expiredTimestamp of the body of operation createOneTimePayment (application/x-www-form-urlencoded): belowMinimumErrorCode must be an integer, not [1]",
      "x-mixpay-error-code: 10061 | x-mixpay-error-code: https | x-mixpay-error-code on callbackUrl of the body of operation createOneTimePayment (application/x-www-form-urlencoded) must be an integer, not \"https\"",
      "maxFractionDigits: 8 | maxFractionDigits: -1 | x-mixpay-decimal on quoteAmount of the body of operation createOneTimePayment (application/x-www-form-urlencoded): maxFractionDigits must not be negative, not -1",
      "x-mixpay-timeout-seconds: 20 | x-mixpay-timeout-seconds: 0 | x-mixpay-timeout-seconds on callback receivePaymentCallback must be positive, not 0",
      "          httpStatus: 409\\n          when: The trace has | \\n          when: The trace has | x-mixpay-errors on ErrorCode: row 16: httpStatus must be an integer, not nothing",
  })
  void aMalformedExtensionStopsTheStartAndIsNamed(String original, String broken, String message,
      @TempDir Path dir) throws Exception {
    String yaml = Files.readString(Path.of("../openapi/mixpay.openapi.yaml"));
    String from = original.replace("\\n", "\n");
    assertThat(yaml).contains(from);
    Path edited = Files.writeString(dir.resolve("broken-extension.yaml"),
        yaml.replace(from, broken.replace("\\n", "\n")));
    MixPayMock mock = MixPayMock.builder().spec(edited).build();

    assertThatThrownBy(mock::start).isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith(": " + message);
    assertThat(mock.isRunning()).isFalse();
  }

  @Test
  void aPatternWithoutItsRuleInWordsStopsTheStart(@TempDir Path dir) throws Exception {
    String yaml = Files.readString(Path.of("../openapi/mixpay.openapi.yaml"));
    String rule = "          x-mixpay-pattern-rule: \"must be settle, pending or paid_less,"
        + " several joined with | or ,\"\n";
    assertThat(yaml).contains(rule);
    Path edited = Files.writeString(dir.resolve("no-rule.yaml"), yaml.replace(rule, ""));
    MixPayMock mock = MixPayMock.builder().spec(edited).build();

    assertThatThrownBy(mock::start).isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith(": x-mixpay-pattern-rule on callbackEvent of the body of operation"
            + " createOneTimePayment (application/x-www-form-urlencoded) is missing: the pattern"
            + " ^(?:settle|pending|paid_less)(?:[|,](?:settle|pending|paid_less))*$ needs its"
            + " rule in words, e.g. \"must be 6 to 36 letters, digits, '-' or '_'\"");
    assertThat(mock.isRunning()).isFalse();
  }

  @Test
  void aPatternRuleThatIsNotTextStopsTheStart(@TempDir Path dir) throws Exception {
    String yaml = Files.readString(Path.of("../openapi/mixpay.openapi.yaml"));
    String rule = "x-mixpay-pattern-rule: \"must be a Mixin UUID or a 32-character hexadecimal id\"";
    assertThat(yaml).contains(rule);
    // Only the query parameter's: the body's payeeId is indented deeper.
    String query = "            " + rule;
    assertThat(yaml).contains(query);
    Path edited = Files.writeString(dir.resolve("rule-list.yaml"),
        yaml.replace(query, "            x-mixpay-pattern-rule: [uuid, hex]"));
    MixPayMock mock = MixPayMock.builder().spec(edited).build();

    assertThatThrownBy(mock::start).isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith(": x-mixpay-pattern-rule on query parameter payeeId of operation"
            + " getPaymentResult must be a text, not [uuid, hex]");
  }

  @Test
  void aPatternRuleChangedInTheSpecChangesTheRefusal(@TempDir Path dir) throws Exception {
    String spec = Files.readString(Path.of("../openapi/mixpay.openapi.yaml"))
        .replace("x-mixpay-pattern-rule: \"must be 6 to 36 letters, digits, '-' or '_'\"",
            "x-mixpay-pattern-rule: \"must be your shop's order number\"");
    Path edited = Files.writeString(dir.resolve("worded.yaml"), spec);

    try (MixPayMock mock = MixPayMock.builder().spec(edited).build().start()) {
      form(RestAssured.given().baseUri(mock.baseUrl()), minimal("order 1")).post(
          "/v1/one_time_payment").then().statusCode(400).body("message",
              org.hamcrest.Matchers.equalTo(
                  "Parameter error. orderId: must be your shop's order number."));
    }
  }

  @Test
  void theAmountBoundComesFromTheSpec(@TempDir Path dir) throws Exception {
    String spec = Files.readString(Path.of("../openapi/mixpay.openapi.yaml"))
        .replace("maxFractionDigits: 8\n", "maxFractionDigits: 2\n");
    Path edited = Files.writeString(dir.resolve("cents.yaml"), spec);

    try (MixPayMock mock = MixPayMock.builder().spec(edited).build().start()) {
      var fields = minimal("order-cents");
      fields.put("quoteAmount", "10.001");
      form(RestAssured.given().baseUri(mock.baseUrl()), fields).post("/v1/one_time_payment")
          .then().statusCode(400).body("message", org.hamcrest.Matchers.equalTo(
              "Parameter error. quoteAmount: must have at most 2 digits after the decimal point."));
    }
  }

  @Test
  void aBrokenSpecFileIsRefusedAtStart(@TempDir Path dir) throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.yaml"), "openapi: 3.0.3\ninfo: [\n");
    MixPayMock mock = MixPayMock.builder().spec(broken).build();

    assertThatThrownBy(mock::start).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot use the spec");
    assertThat(mock.isRunning()).isFalse();
  }

  @Test
  void aFileThatIsNotAnOpenApiDocumentIsNamedSo(@TempDir Path dir) throws Exception {
    Path text = Files.writeString(dir.resolve("hostname"), "build-42\n");
    MixPayMock mock = MixPayMock.builder().spec(text).build();

    assertThatThrownBy(mock::start).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot use the spec at " + text.toUri() + ": it is not an OpenAPI document");
  }
}
