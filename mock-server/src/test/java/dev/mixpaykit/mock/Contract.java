package dev.mixpaykit.mock;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import com.atlassian.oai.validator.schema.SchemaValidator;
import dev.mixpaykit.openapi.MixPayOpenApi;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * REST Assured set-up shared by the contract tests: every exchange goes through the OpenAPI
 * validation filter, so each answer the mock sends is checked against the spec.
 */
final class Contract {

  static final String PAYEE = "a0d7791408776b47eb1dd3f94ed15d6a";
  static final String BTC = "c6d0c728-2624-429b-8e0d-d9d19b6592fa";
  static final String USDT = "4d8c508b-91c5-375b-92b0-ee702ed2dac5";

  private static final OpenAPI API;
  /** Checks the request and the response. */
  static final OpenApiValidationFilter STRICT;
  /** Checks only the response: for requests that are wrong on purpose. */
  static final OpenApiValidationFilter RESPONSES;

  static {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    API = new OpenAPIParser().readLocation(MixPayOpenApi.yaml().toString(), null, options)
        .getOpenAPI();
    String spec = MixPayOpenApi.yaml().toString();
    STRICT = new OpenApiValidationFilter(
        OpenApiInteractionValidator.createForSpecificationUrl(spec).build());
    RESPONSES = new OpenApiValidationFilter(OpenApiInteractionValidator
        .createForSpecificationUrl(spec)
        .withLevelResolver(LevelResolver.create()
            .withLevel("validation.request", ValidationReport.Level.IGNORE)
            .build())
        .build());
  }

  private Contract() {}

  /** The smallest valid request: required fields and an orderId. */
  static Map<String, Object> minimal(String orderId) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("payeeId", PAYEE);
    fields.put("quoteAmount", "10");
    fields.put("quoteAssetId", "usd");
    fields.put("settlementAssetId", BTC);
    fields.put("orderId", orderId);
    return fields;
  }

  static RequestSpecification strict(MixPayMock mock) {
    return RestAssured.given().baseUri(mock.baseUrl()).filter(STRICT);
  }

  static RequestSpecification wrongOnPurpose(MixPayMock mock) {
    return RestAssured.given().baseUri(mock.baseUrl()).filter(RESPONSES);
  }

  /**
   * A form body, encoded here rather than by REST Assured's formParams: the validation filter
   * only sees a body that was set as such.
   */
  static RequestSpecification form(RequestSpecification spec, Map<String, ?> fields) {
    return spec.contentType("application/x-www-form-urlencoded").body(encode(fields));
  }

  static String encode(Map<String, ?> fields) {
    StringJoiner body = new StringJoiner("&");
    fields.forEach((name, value) -> body.add(URLEncoder.encode(name, StandardCharsets.UTF_8)
        + "=" + URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8)));
    return body.toString();
  }

  /** For answers to routes the spec does not have: the body must still be an ErrorEnvelope. */
  static void assertErrorEnvelope(Response response) {
    assertConforms(response.asString(), "ErrorEnvelope");
  }

  /** A JSON document the mock produced conforms to a named schema of the spec. */
  static void assertConforms(String json, String schemaName) {
    ValidationReport report = new SchemaValidator(API, new MessageResolver()).validate(
        json, API.getComponents().getSchemas().get(schemaName), null);
    assertThat(report.getMessages()).as(json).isEmpty();
  }
}
