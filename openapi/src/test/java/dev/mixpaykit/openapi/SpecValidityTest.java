package dev.mixpaykit.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.InputStream;
import dev.mixpaykit.openapi.MixPayOpenApi.Contract;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SpecValidityTest {

  @ParameterizedTest
  @EnumSource(Contract.class)
  void yamlParsesWithoutAnyParserMessage(Contract contract) {
    SwaggerParseResult result = Spec.parse(MixPayOpenApi.yaml(contract));

    assertThat(result.getMessages()).isEmpty();
    assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.0.3");
  }

  @ParameterizedTest
  @EnumSource(Contract.class)
  void jsonIsTheSameDocumentAsYaml(Contract contract) throws Exception {
    SwaggerParseResult json = Spec.parse(MixPayOpenApi.json(contract));
    assertThat(json.getMessages()).isEmpty();

    ObjectMapper yamlReader = YAMLMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    ObjectMapper jsonReader = new ObjectMapper()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    try (InputStream y = MixPayOpenApi.yaml(contract).openStream();
        InputStream j = MixPayOpenApi.json(contract).openStream()) {
      JsonNode fromYaml = yamlReader.readTree(y);
      JsonNode fromJson = jsonReader.readTree(j);
      assertThat(fromJson).isEqualTo(fromYaml);
    }
    assertThat(Json.pretty(json.getOpenAPI())).isEqualTo(Json.pretty(Spec.yaml(contract)));
  }

  @Test
  void jsonWritesAmountsInPlainNotation() throws Exception {
    try (InputStream j = MixPayOpenApi.json().openStream()) {
      String text = new String(j.readAllBytes());
      assertThat(text).contains("\"quoteAmount\" : 0.00000001")
          .doesNotContainPattern(":\\s*-?[0-9.]+[eE][-+]?[0-9]+");
    }
  }

  @ParameterizedTest
  @EnumSource(Contract.class)
  void everyPublishedFileIsSelfContained(Contract contract) {
    // Other teams' tools get one file each: no $ref may point outside it.
    assertThat(MixPayOpenApi.yamlText(contract)).doesNotContainPattern("\\$ref: *['\"]?[^'\"#\\s]");
  }

  @ParameterizedTest
  @EnumSource(Contract.class)
  void createOperationAcceptsFormAndJson(Contract contract) {
    Operation create = Spec.yaml(contract).getPaths().get("/v1/one_time_payment").getPost();

    assertThat(create.getOperationId()).isEqualTo("createOneTimePayment");
    assertThat(create.getRequestBody().getContent())
        .containsOnlyKeys("application/x-www-form-urlencoded", "application/json");
    assertThat(Spec.yaml(contract).getServers()).singleElement()
        .satisfies(s -> assertThat(s.getUrl()).isEqualTo("https://api.mixpay.me"));
  }

  @ParameterizedTest
  @EnumSource(Contract.class)
  void everyRequestBodyAndResponseHasAnExample(Contract contract) {
    OpenAPI api = Spec.yaml(contract);
    api.getPaths().forEach((path, item) -> item.readOperations().forEach(op -> {
      if (op.getRequestBody() != null) {
        op.getRequestBody().getContent().forEach((type, media) ->
            assertThat(hasExample(media)).as("%s request %s", path, type).isTrue());
      }
      op.getResponses().forEach((status, response) -> {
        ApiResponse resolved = resolve(api, response);
        assertThat(resolved.getContent()).as("%s %s content", path, status).isNotEmpty();
        resolved.getContent().forEach((type, media) ->
            assertThat(hasExample(media)).as("%s %s %s", path, status, type).isTrue());
      });
    }));
  }

  @Test
  void fieldsHaveTheDocumentedRules() {
    Schema<?> request = Spec.yaml().getComponents().getSchemas().get("OneTimePaymentRequest");
    Map<String, Schema> p = request.getProperties();

    assertThat(request.getRequired())
        .containsExactly("payeeId", "quoteAmount", "quoteAssetId", "settlementAssetId");
    assertThat(p.get("quoteAmount").getType()).isEqualTo("number");
    assertThat(p.get("quoteAmount").getFormat()).as("no float/double format").isNull();
    assertThat(p.get("quoteAmount").getExclusiveMinimum()).isTrue();
    assertThat(p.get("strictMode").getDefault()).isEqualTo(false);
    assertThat(p.get("remark").getMaxLength()).isEqualTo(50);
    assertThat(p.get("settlementMemo").getMaxLength()).isEqualTo(200);
    assertThat(p.get("expireSeconds").getMinimum()).isEqualByComparingTo("1");
    assertThat(p.get("expireSeconds").getMaximum()).isEqualByComparingTo("31536000");
    assertThat(p.get("expireSeconds").getDefault()).isEqualTo(86400);
    assertThat(p.get("traceId").getFormat()).isEqualTo("uuid");
    assertThat(p.get("orderId").getMinLength()).isEqualTo(6);
    assertThat(p.get("orderId").getMaxLength()).isEqualTo(36);
    assertThat(p.get("orderId").getPattern()).isEqualTo("^[A-Za-z0-9_-]{6,36}$");
    assertThat(p.get("callbackUrl").getPattern()).isEqualTo("^https://[^\\s]+$");
    assertThat(p.get("expiredTimestamp").getFormat()).isEqualTo("int64");
    assertThat(p.get("isTemp").getDeprecated()).isTrue();
    assertThat(request.getExtensions()).containsEntry(
        "x-mixpay-required-one-of", java.util.List.of("orderId", "traceId"));
  }

  @ParameterizedTest
  @EnumSource(Contract.class)
  void everyPatternIsAnchoredAtBothEnds(Contract contract) {
    // JSON Schema searches, Bean Validation matches the whole string: anchors make them agree.
    Map<String, Schema> p = Spec.yaml(contract).getComponents().getSchemas().get("OneTimePaymentRequest")
        .getProperties();
    p.forEach((name, schema) -> {
      if (schema.getPattern() != null) {
        assertThat(schema.getPattern()).as(name).startsWith("^").endsWith("$");
      }
    });
  }

  private static boolean hasExample(MediaType media) {
    return media.getExample() != null
        || (media.getExamples() != null && !media.getExamples().isEmpty());
  }

  static ApiResponse resolve(OpenAPI api, ApiResponse response) {
    if (response.get$ref() == null) {
      return response;
    }
    String name = response.get$ref().substring(response.get$ref().lastIndexOf('/') + 1);
    return api.getComponents().getResponses().get(name);
  }
}
