package dev.mixpaykit.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixpaykit.openapi.MixPayOpenApi;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The few rules the SDK states in code (those no schema annotation carries) must be the spec's:
 * this reads the spec and compares, so a change there fails here.
 */
class SpecAgreementTest {

  private static final OpenAPI API = new OpenAPIParser()
      .readLocation(MixPayOpenApi.yaml().toString(), null, null).getOpenAPI();

  @Test
  @SuppressWarnings("unchecked")
  void theRulesBeyondTheSchemaAreTheSpecs() {
    Schema<?> request = API.getComponents().getSchemas().get("OneTimePaymentRequest");
    Map<String, Object> window = (Map<String, Object>) ((Schema<?>) request.getProperties()
        .get("expiredTimestamp")).getExtensions().get("x-mixpay-seconds-from-now");

    assertThat(request.getExtensions().get("x-mixpay-required-one-of"))
        .isEqualTo(RequestValidator.ONE_OF_REQUIRED);
    assertThat(((Number) window.get("exclusiveMinimum")).longValue())
        .isEqualTo(RequestValidator.MIN_SECONDS_FROM_NOW);
    assertThat(((Number) window.get("exclusiveMaximum")).longValue())
        .isEqualTo(RequestValidator.MAX_SECONDS_FROM_NOW);
  }

  @Test
  @SuppressWarnings("unchecked")
  void errorsUnderHttp200AreClassedByTheSpecsStatusMapping() {
    List<Map<String, Object>> rows = (List<Map<String, Object>>) API.getComponents()
        .getSchemas().get("ErrorCode").getExtensions().get("x-mixpay-errors");

    assertThat(rows).hasSameSizeAs(ErrorCode.values());
    for (Map<String, Object> row : rows) {
      int code = (Integer) row.get("code");
      assertThat(ResponseDecoder.statusOf(code)).as("code %d", code)
          .isEqualTo(row.get("httpStatus"));
      assertThat(ErrorCode.fromValue(code).getValue()).isEqualTo(code);
    }
  }
}
