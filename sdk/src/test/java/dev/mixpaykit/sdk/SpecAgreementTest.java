package dev.mixpaykit.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixpaykit.openapi.MixPayOpenApi;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import dev.mixpaykit.sdk.internal.Operation;
import dev.mixpaykit.sdk.internal.generated.api.OneTimePaymentApi;
import dev.mixpaykit.sdk.internal.generated.api.PaymentResultApi;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
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
      assertThat(ErrorCode.of(code)).hasValueSatisfying(c -> assertThat(c.code()).isEqualTo(code));
    }
  }

  @Test
  void theEncodersMethodsPathsAndNamesAreTheSpecs() {
    PathItem create = API.getPaths().get(OneTimePaymentApi.createOneTimePayment.path());
    PathItem result = API.getPaths().get(PaymentResultApi.getPaymentResult.path());

    assertThat(create.readOperationsMap()).containsOnlyKeys(PathItem.HttpMethod.POST);
    assertThat(OneTimePaymentApi.createOneTimePayment.method()).isEqualTo("POST");
    assertThat(create.getPost().getOperationId()).isEqualTo("createOneTimePayment");
    Schema<?> body = API.getComponents().getSchemas().get("OneTimePaymentRequest");
    assertThat(OneTimePaymentApi.createOneTimePayment.formFields())
        .containsExactlyElementsOf(body.getProperties().keySet());

    assertThat(result.readOperationsMap()).containsOnlyKeys(PathItem.HttpMethod.GET);
    assertThat(PaymentResultApi.getPaymentResult.method()).isEqualTo("GET");
    List<Parameter> specParams = result.getGet().getParameters();
    assertThat(PaymentResultApi.getPaymentResult.query()).extracting(Operation.Parameter::name)
        .containsExactlyElementsOf(specParams.stream().map(Parameter::getName).toList());
    for (Parameter p : specParams) {
      Operation.Parameter generated = PaymentResultApi.getPaymentResult.query().stream()
          .filter(q -> q.name().equals(p.getName())).findFirst().orElseThrow();
      assertThat(generated.pattern()).as(p.getName()).isEqualTo(p.getSchema().getPattern());
      assertThat(generated.minLength()).as(p.getName()).isEqualTo(p.getSchema().getMinLength());
      assertThat(generated.maxLength()).as(p.getName()).isEqualTo(p.getSchema().getMaxLength());
      assertThat(generated.uuid()).as(p.getName()).isEqualTo("uuid".equals(p.getSchema().getFormat()));
    }
  }

  @Test
  void theEncoderWritesWhatTheOperationsName() {
    MixPayClient client = MixPayClient.builder().baseUrl("http://127.0.0.1:9").build();
    var request = client.prepare(Fixtures.minimal("order-enc").build());

    assertThat(request.method()).isEqualTo(OneTimePaymentApi.createOneTimePayment.method());
    assertThat(request.uri().toString())
        .isEqualTo("http://127.0.0.1:9" + OneTimePaymentApi.createOneTimePayment.path());
  }
}
