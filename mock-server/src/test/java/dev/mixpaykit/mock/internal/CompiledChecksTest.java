package dev.mixpaykit.mock.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mixpaykit.openapi.MixPayOpenApi;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the compiled checks leave to the reference validator, decided at load. */
class CompiledChecksTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private static SpecModel.Route route(SpecModel spec, String template) {
    return spec.routes().stream().filter(r -> r.template().equals(template)).findFirst()
        .orElseThrow();
  }

  @Test
  void aSchemaWithAKeywordTheyDoNotCoverKeepsTheReferenceValidator() {
    SpecModel spec = SpecModel.load(MixPayOpenApi.yaml().toString());
    SpecModel.BodySchema body = route(spec, "/v1/one_time_payment").body(RequestBody.JSON);
    // multipleOf is in no spec: with it, the body is checked by the validator, and still is.
    body.field("quoteAmount").schema().setMultipleOf(new BigDecimal("0.5"));
    RequestRules rules = new RequestRules(spec, Clock.systemUTC(), 0, false);
    assertThat(rules.compiled(body)).isFalse();

    String uuid = "4d8c508b-91c5-375b-92b0-ee702ed2dac5";
    ObjectNode request = NODES.objectNode().put("payeeId", uuid).put("orderId", "order-123")
        .put("quoteAssetId", "usd").put("settlementAssetId", uuid);
    request.set("quoteAmount", NODES.numberNode(new BigDecimal("0.3")));
    List<Violation> violations = rules.check(new RequestBody.Read(request, List.of()), body);
    assertThat(violations).extracting(Violation::field).containsExactly("quoteAmount");
    assertThat(violations.get(0).rule()).isEqualTo("Remainder of division is not zero (0.3 / 0.5)");

    request.set("quoteAmount", NODES.numberNode(new BigDecimal("1.5")));
    assertThat(rules.check(new RequestBody.Read(request, List.of()), body)).isEmpty();
  }

  @Test
  void aPatternOutsideTheGrammarKeepsTheReferenceValidator() {
    SpecModel spec = SpecModel.load(MixPayOpenApi.yaml().toString());
    SpecModel.Route route = route(spec, "/v1/payments_result");
    SpecModel.QueryParameter orderId = route.query().stream()
        .filter(q -> q.name().equals("orderId")).findFirst().orElseThrow();
    orderId.schema().setPattern("^(?=[a-z])[A-Za-z0-9_-]{6,36}$"); // look-ahead: refused
    RequestRules rules = new RequestRules(spec, Clock.systemUTC(), 0, false);
    assertThat(rules.compiledViolation(orderId, "order-123")).isSameAs(RequestRules.NOT_COMPILED);

    ObjectNode query = NODES.objectNode().put("orderId", "Order-123")
        .put("payeeId", "4d8c508b-91c5-375b-92b0-ee702ed2dac5");
    assertThat(rules.checkParameters(new RequestBody.Read(query, List.of()), route))
        .containsExactly(new Violation("orderId", orderId.patternRule(),
            ErrorCatalogue.PARAMETER_ERROR));
  }

  @Test
  void onlyTheCoveredKeywordsAndFormatsAreCompiled() {
    assertThat(CompiledChecks.value(new StringSchema().pattern("^[a-z]+$").maxLength(3)))
        .isNotNull();
    assertThat(CompiledChecks.value(new StringSchema().format("email"))).isNull();
    assertThat(CompiledChecks.value(new StringSchema().format("date-time"))).isNull();
    assertThat(CompiledChecks.value(new StringSchema()._enum(List.of("a", "b")))).isNull();
    assertThat(CompiledChecks.value(new StringSchema().readOnly(true))).isNull();
    assertThat(CompiledChecks.value(new Schema<>().$ref("#/components/schemas/X"))).isNull();
    assertThat(CompiledChecks.value(new Schema<>().type("array"))).isNull();
    assertThat(CompiledChecks.value(new Schema<>().type("number").exclusiveMinimum(true)))
        .isNull();
    assertThat(CompiledChecks.value(new StringSchema().minLength(-1))).isNull();

    Schema<Object> allOf = new ObjectSchema();
    allOf.addProperty("a", new StringSchema());
    allOf.setAllOf(List.of(new ObjectSchema().required(List.of("a"))));
    assertThat(CompiledChecks.body(SpecModel.body(RequestBody.JSON, allOf, "a test"))).isNull();

    Schema<Object> plain = new ObjectSchema();
    plain.addProperty("a", new StringSchema().minLength(1));
    plain.setRequired(List.of("a"));
    assertThat(CompiledChecks.body(SpecModel.body(RequestBody.JSON, plain, "a test")))
        .isNotNull();
  }
}
