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
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.metadata.BeanDescriptor;
import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.validation.metadata.PropertyDescriptor;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
        .extracting(Operation.Parameter::name)
        .containsExactlyElementsOf(body.getProperties().keySet());
    for (Operation.Parameter generated : OneTimePaymentApi.createOneTimePayment.formFields()) {
      assertAgrees(generated, (Schema<?>) body.getProperties().get(generated.name()));
    }

    assertThat(result.readOperationsMap()).containsOnlyKeys(PathItem.HttpMethod.GET);
    assertThat(PaymentResultApi.getPaymentResult.method()).isEqualTo("GET");
    List<Parameter> specParams = result.getGet().getParameters();
    assertThat(PaymentResultApi.getPaymentResult.query()).extracting(Operation.Parameter::name)
        .containsExactlyElementsOf(specParams.stream().map(Parameter::getName).toList());
    for (Parameter p : specParams) {
      Operation.Parameter generated = PaymentResultApi.getPaymentResult.query().stream()
          .filter(q -> q.name().equals(p.getName())).findFirst().orElseThrow();
      assertAgrees(generated, p.getSchema());
    }
  }

  private static void assertAgrees(Operation.Parameter generated, Schema<?> spec) {
    String name = generated.name();
    assertThat(generated.pattern()).as(name).isEqualTo(spec.getPattern());
    assertThat(generated.patternRule()).as(name)
        .isEqualTo(spec.getExtensions() == null ? null
            : spec.getExtensions().get("x-mixpay-pattern-rule"));
    assertThat(generated.minLength()).as(name).isEqualTo(spec.getMinLength());
    assertThat(generated.maxLength()).as(name).isEqualTo(spec.getMaxLength());
    assertThat(generated.uuid()).as(name).isEqualTo("uuid".equals(spec.getFormat()));
  }

  /**
   * A refusal words a pattern as its {@code x-mixpay-pattern-rule}: a field or parameter of a
   * request with a pattern but no rule would otherwise show the merchant a regex.
   */
  @Test
  void everyRequestSidePatternHasItsRuleInWords() {
    Map<String, Schema<?>> patterned = new TreeMap<>();
    API.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
      if (op.getParameters() != null) {
        for (Parameter p : op.getParameters()) {
          patterned.put(op.getOperationId() + " parameter " + p.getName(), p.getSchema());
        }
      }
      if (op.getRequestBody() != null) {
        op.getRequestBody().getContent().forEach((type, media) -> {
          String ref = media.getSchema().get$ref();
          Schema<?> schema = ref == null ? media.getSchema() : API.getComponents().getSchemas()
              .get(ref.substring(ref.lastIndexOf('/') + 1));
          schema.getProperties().forEach((name, property) -> patterned.put(
              op.getOperationId() + " " + type + " field " + name, (Schema<?>) property));
        });
      }
    }));
    patterned.values().removeIf(schema -> schema == null || schema.getPattern() == null);

    assertThat(patterned).isNotEmpty();
    assertThat(patterned).allSatisfy((where, schema) -> assertThat(schema.getExtensions())
        .as("x-mixpay-pattern-rule beside the pattern of %s", where)
        .isNotNull().extractingByKey("x-mixpay-pattern-rule").isInstanceOf(String.class));
  }

  /**
   * The validator words a {@code @Pattern} of the generated model by its field's rule: each
   * one must be a body field with that very pattern, and the words the spec gives it.
   */
  @Test
  void everyPatternTheModelChecksHasTheSpecsWords() {
    BeanDescriptor model;
    try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
      model = factory.getValidator().getConstraintsForClass(
          dev.mixpaykit.sdk.internal.generated.model.OneTimePaymentRequest.class);
    }
    List<String> checked = new java.util.ArrayList<>();
    for (PropertyDescriptor property : model.getConstrainedProperties()) {
      for (ConstraintDescriptor<?> c : property.getConstraintDescriptors()) {
        if (c.getAnnotation() instanceof Pattern pattern) {
          Operation.Parameter field = OneTimePaymentApi.createOneTimePayment
              .formField(property.getPropertyName());
          assertThat(field).as(property.getPropertyName()).isNotNull();
          assertThat(field.pattern()).isEqualTo(pattern.regexp());
          assertThat(field.patternRule()).as(field.name()).isNotBlank();
          checked.add(field.name());
        }
      }
    }
    assertThat(checked).containsExactlyInAnyOrder(
        "payeeId", "quoteAssetId", "orderId", "callbackUrl", "callbackEvent");
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
