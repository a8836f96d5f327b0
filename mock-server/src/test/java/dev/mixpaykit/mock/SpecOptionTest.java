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

  @Test
  void aBrokenSpecFileIsRefusedAtStart(@TempDir Path dir) throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.yaml"), "openapi: 3.0.3\ninfo: [\n");
    MixPayMock mock = MixPayMock.builder().spec(broken).build();

    assertThatThrownBy(mock::start).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot use the spec");
    assertThat(mock.isRunning()).isFalse();
  }
}
