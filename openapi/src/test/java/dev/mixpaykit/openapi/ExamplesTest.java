package dev.mixpaykit.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import dev.mixpaykit.openapi.MixPayOpenApi.Contract;
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
import java.util.Arrays;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every example in each description must be valid against the schema it illustrates. */
class ExamplesTest {

  @TestFactory
  Stream<DynamicNode> everyExampleMatchesItsSchema() {
    return Arrays.stream(Contract.values()).map(contract -> DynamicContainer.dynamicContainer(
        contract.label(), new Checks(contract).everyExampleMatchesItsSchema()));
  }

  @ParameterizedTest
  @EnumSource(Contract.class)
  void theValidatorRejectsABrokenExample(Contract contract) {
    new Checks(contract).theValidatorRejectsABrokenExample();
  }

  @ParameterizedTest
  @EnumSource(Contract.class)
  void errorExamplesUseTheCatalogueMessageAndStatus(Contract contract) {
    new Checks(contract).errorExamplesUseTheCatalogueMessageAndStatus();
  }

  /** The checks on one version's description. */
  private static final class Checks {

    private final Contract contract;
    private final OpenAPI api;
    private final SchemaValidator validator;

    Checks(Contract contract) {
      this.contract = contract;
      this.api = Spec.yaml(contract);
      this.validator = new SchemaValidator(api, new MessageResolver());
    }

    Stream<DynamicTest> everyExampleMatchesItsSchema() {
      List<DynamicTest> tests = new ArrayList<>();
      List<io.swagger.v3.oas.models.Operation> operations = new ArrayList<>();
      api.getPaths().forEach((path, item) -> item.readOperations().forEach(op -> {
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
          ApiResponse resolved = SpecValidityTest.resolve(api, response);
          resolved.getContent().forEach((type, media) ->
              addMediaExamples(tests, op.getOperationId() + " " + status + " " + type, media));
          if (resolved.getHeaders() != null) {
            resolved.getHeaders().forEach((name, header) -> {
              Schema<?> schema = header.get$ref() == null ? header.getSchema()
                  : api.getComponents().getHeaders()
                      .get(header.get$ref().substring(header.get$ref().lastIndexOf('/') + 1))
                      .getSchema();
              tests.add(check(op.getOperationId() + " " + status + " header " + name,
                  schema.getExample(), schema));
            });
          }
        });
      });
      for (Map.Entry<String, Schema> e : api.getComponents().getSchemas().entrySet()) {
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
      assertThat(tests).hasSizeGreaterThan(contract == Contract.CURRENT ? 60 : 30);
      return tests.stream();
    }

    void theValidatorRejectsABrokenExample() {
      Schema<?> request = api.getComponents().getSchemas().get("OneTimePaymentRequest");
      ValidationReport report = validate(
          Map.of("payeeId", "x", "quoteAmount", 0, "remark", "r".repeat(51)), request);

      var messages = assertThat(report.getMessages())
          .extracting(ValidationReport.Message::getMessage)
          .anySatisfy(m -> assertThat(m).contains("payeeId"))
          .anySatisfy(m -> assertThat(m).contains("quoteAmount"))
          .anySatisfy(m -> assertThat(m).contains("quoteAssetId"))
          .anySatisfy(m -> assertThat(m).contains("51"));
      if (contract == Contract.V2022) {
        messages.anySatisfy(m -> assertThat(m).contains("isTemp"));
      } else {
        messages.noneSatisfy(m -> assertThat(m).contains("isTemp"));
      }
    }

    void errorExamplesUseTheCatalogueMessageAndStatus() {
      Map<Integer, Map<String, Object>> catalogue = ErrorCatalogueTest.catalogue(api);
      int checked = 0;
      var responses = new ArrayList<Map.Entry<String, ApiResponse>>();
      api.getPaths().values().forEach(item -> item.readOperations()
          .forEach(op -> responses.addAll(op.getResponses().entrySet())));
      for (var entry : responses) {
        int status = Integer.parseInt(entry.getKey());
        if (status < 400) {
          continue;
        }
        MediaType media = SpecValidityTest.resolve(api, entry.getValue()).getContent()
            .get("application/json");
        if (media == null) {
          continue; // an HTML page (the hosted checkout), not an api envelope
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
      assertThat(checked).isGreaterThanOrEqualTo(contract == Contract.CURRENT ? 10 : 6);
    }

    private void addMediaExamples(List<DynamicTest> tests, String where, MediaType media) {
      if (media.getExample() != null) {
        tests.add(check(where, media.getExample(), media.getSchema()));
      }
      if (media.getExamples() != null) {
        media.getExamples().forEach((name, example) ->
            tests.add(check(where + " example " + name, resolve(example).getValue(),
                media.getSchema())));
      }
    }

    private Example resolve(Example example) {
      if (example.get$ref() == null) {
        return example;
      }
      String ref = example.get$ref();
      return api.getComponents().getExamples().get(ref.substring(ref.lastIndexOf('/') + 1));
    }

    private DynamicTest check(String where, Object value, Schema<?> schema) {
      return DynamicTest.dynamicTest(where, () -> {
        assertThat(value).as("example of " + where).isNotNull();
        ValidationReport report = validate(value, schema);
        assertThat(report.getMessages()).as(where).isEmpty();
      });
    }

    private ValidationReport validate(Object value, Schema<?> schema) {
      // The validator reads a bare string as the value itself, anything else as JSON text; the
      // parser hands string examples over as String, UUID or URI.
      boolean json = value instanceof Map || value instanceof java.util.Collection
          || value instanceof com.fasterxml.jackson.databind.JsonNode
          || value instanceof Number || value instanceof Boolean;
      String text = json ? Json.pretty(value) : String.valueOf(value);
      return validator.validate(text, schema, null);
    }
  }
}
