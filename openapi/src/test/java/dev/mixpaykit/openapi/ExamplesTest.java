package dev.mixpaykit.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every example in the description must be valid against the schema it illustrates. */
class ExamplesTest {

  private static final OpenAPI API = Spec.yaml();
  private static final SchemaValidator VALIDATOR = new SchemaValidator(API, new MessageResolver());

  @TestFactory
  Stream<DynamicTest> everyExampleMatchesItsSchema() {
    List<DynamicTest> tests = new ArrayList<>();
    List<io.swagger.v3.oas.models.Operation> operations = new ArrayList<>();
    API.getPaths().forEach((path, item) -> item.readOperations().forEach(op -> {
      operations.add(op);
      if (op.getCallbacks() != null) {
        op.getCallbacks().values().forEach(callback -> callback.values()
            .forEach(callbackItem -> operations.addAll(callbackItem.readOperations())));
      }
    }));
    operations.forEach(op -> {
      if (op.getParameters() != null) {
        op.getParameters().forEach(parameter -> tests.add(check(op.getOperationId()
            + " parameter " + parameter.getName(), parameter.getExample(), parameter.getSchema())));
      }
      if (op.getRequestBody() != null) {
        op.getRequestBody().getContent().forEach((type, media) ->
            addMediaExamples(tests, op.getOperationId() + " request " + type, media));
      }
      op.getResponses().forEach((status, response) -> {
        ApiResponse resolved = SpecValidityTest.resolve(API, response);
        resolved.getContent().forEach((type, media) ->
            addMediaExamples(tests, op.getOperationId() + " " + status + " " + type, media));
        if (resolved.getHeaders() != null) {
          resolved.getHeaders().forEach((name, header) -> {
            Schema<?> schema = header.get$ref() == null ? header.getSchema()
                : API.getComponents().getHeaders()
                    .get(header.get$ref().substring(header.get$ref().lastIndexOf('/') + 1))
                    .getSchema();
            tests.add(check(op.getOperationId() + " " + status + " header " + name,
                schema.getExample(), schema));
          });
        }
      });
    });
    for (Map.Entry<String, Schema> e : API.getComponents().getSchemas().entrySet()) {
      String name = e.getKey();
      Schema<?> schema = e.getValue();
      if (schema.getExample() != null) {
        tests.add(check("schema " + name, schema.getExample(), schema));
      }
      if (schema.getProperties() != null) {
        for (Map.Entry<String, Schema> p : schema.getProperties().entrySet()) {
          if (p.getValue().getExample() != null) {
            tests.add(check("schema " + name + "." + p.getKey(), p.getValue().getExample(),
                p.getValue()));
          }
        }
      }
    }
    assertThat(tests).hasSizeGreaterThan(60);
    return tests.stream();
  }

  @Test
  void theValidatorRejectsABrokenExample() {
    Schema<?> request = API.getComponents().getSchemas().get("OneTimePaymentRequest");
    ValidationReport report = validate(
        Map.of("payeeId", "x", "quoteAmount", 0, "orderId", "no spaces allowed"), request);

    assertThat(report.getMessages()).extracting(ValidationReport.Message::getMessage)
        .anySatisfy(m -> assertThat(m).contains("payeeId"))
        .anySatisfy(m -> assertThat(m).contains("quoteAmount"))
        .anySatisfy(m -> assertThat(m).contains("quoteAssetId"))
        .anySatisfy(m -> assertThat(m).contains("orderId"));
  }

  @Test
  void errorExamplesUseTheCatalogueMessageAndStatus() {
    Map<Integer, Map<String, Object>> catalogue = ErrorCatalogueTest.catalogue(API);
    int checked = 0;
    var responses = new ArrayList<Map.Entry<String, ApiResponse>>();
    API.getPaths().values().forEach(item -> item.readOperations()
        .forEach(op -> responses.addAll(op.getResponses().entrySet())));
    for (var entry : responses) {
      int status = Integer.parseInt(entry.getKey());
      if (status < 400) {
        continue;
      }
      MediaType media = SpecValidityTest.resolve(API, entry.getValue()).getContent()
          .get("application/json");
      if (media == null) {
        continue; // an HTML page (the hosted checkout), not an API envelope
      }
      for (Example example : media.getExamples().values()) {
        Map<?, ?> value = Json.mapper().convertValue(resolve(example).getValue(), Map.class);
        Map<String, Object> row = catalogue.get(((Number) value.get("code")).intValue());
        assertThat(row).as("code %s is catalogued", value.get("code")).isNotNull();
        assertThat(row.get("httpStatus")).as("status of %s", value.get("code")).isEqualTo(status);
        assertThat(value.get("message")).isEqualTo(row.get("message"));
        checked++;
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(10);
  }

  private static void addMediaExamples(List<DynamicTest> tests, String where, MediaType media) {
    if (media.getExample() != null) {
      tests.add(check(where, media.getExample(), media.getSchema()));
    }
    if (media.getExamples() != null) {
      media.getExamples().forEach((name, example) ->
          tests.add(check(where + " example " + name, resolve(example).getValue(),
              media.getSchema())));
    }
  }

  private static Example resolve(Example example) {
    if (example.get$ref() == null) {
      return example;
    }
    String ref = example.get$ref();
    return API.getComponents().getExamples().get(ref.substring(ref.lastIndexOf('/') + 1));
  }

  private static DynamicTest check(String where, Object value, Schema<?> schema) {
    return DynamicTest.dynamicTest(where, () -> {
      assertThat(value).as("example of " + where).isNotNull();
      ValidationReport report = validate(value, schema);
      assertThat(report.getMessages()).as(where).isEmpty();
    });
  }

  private static ValidationReport validate(Object value, Schema<?> schema) {
    // The validator reads a bare string as the value itself, anything else as JSON text; the
    // parser hands string examples over as String, UUID or URI.
    boolean json = value instanceof Map || value instanceof java.util.Collection
        || value instanceof com.fasterxml.jackson.databind.JsonNode
        || value instanceof Number || value instanceof Boolean;
    String text = json ? Json.pretty(value) : String.valueOf(value);
    return VALIDATOR.validate(text, schema, null);
  }
}
