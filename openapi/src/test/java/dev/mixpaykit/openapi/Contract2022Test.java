package dev.mixpaykit.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import dev.mixpaykit.openapi.MixPayOpenApi.Contract;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The February 2022 page's contract, as published beside the current one. */
class Contract2022Test {

  private static final OpenAPI V2022 = Spec.yaml(Contract.V2022);
  private static final OpenAPI CURRENT = Spec.yaml(Contract.CURRENT);

  /** The 2022 page's curl example, its form values typed as the schema reads them. */
  private static Map<String, Object> pageExample() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("payeeId", "a38ed284-5689-4fb9-8c2a-91fba5e32ce9");
    body.put("settlementAssetId", "c6d0c728-2624-429b-8e0d-d9d19b6592fa");
    body.put("quoteAssetId", "usd");
    body.put("quoteAmount", 10);
    body.put("isTemp", true); // the page sends isTemp=1
    return body;
  }

  @Test
  void isTempIsRequiredAndThereIsNoIdentifier() {
    Schema<?> request = V2022.getComponents().getSchemas().get("OneTimePaymentRequest");

    assertThat(request.getRequired()).containsExactlyInAnyOrder(
        "payeeId", "quoteAmount", "quoteAssetId", "settlementAssetId", "isTemp");
    assertThat(request.getProperties()).containsOnlyKeys("payeeId", "quoteAmount",
        "quoteAssetId", "settlementAssetId", "isTemp", "paymentAssetId", "remark",
        "expireSeconds");
    assertThat(request.getProperties().get("isTemp").getType()).isEqualTo("boolean");
    assertThat(request.getProperties().get("isTemp").getDeprecated()).isNull();
    assertThat(request.getExtensions()).isNull();
  }

  @Test
  void thePagesExampleIsValidAndWithoutIsTempIsNot() {
    SchemaValidator validator = new SchemaValidator(V2022, new MessageResolver());
    Schema<?> request = V2022.getComponents().getSchemas().get("OneTimePaymentRequest");

    assertThat(validator.validate(Json.pretty(pageExample()), request, null).getMessages())
        .isEmpty();

    Map<String, Object> withoutIsTemp = pageExample();
    withoutIsTemp.remove("isTemp");
    assertThat(validator.validate(Json.pretty(withoutIsTemp), request, null).getMessages())
        .extracting(ValidationReport.Message::getMessage)
        .singleElement().satisfies(m -> assertThat(m).contains("isTemp"));
  }

  @Test
  void theCurrentContractRefusesThePagesExampleForItsMissingIdentifier() {
    Schema<?> request = CURRENT.getComponents().getSchemas().get("OneTimePaymentRequest");

    assertThat(request.getExtensions()).containsEntry(
        "x-mixpay-required-one-of", List.of("orderId", "traceId"));
    assertThat(pageExample()).doesNotContainKeys("orderId", "traceId");
  }

  @Test
  void sharedPartsAreTheCurrentOnesNotCopies() {
    for (String name : List.of("ErrorEnvelope", "ErrorCode", "OneTimePaymentResponse",
        "OneTimePayment", "TimestampMs")) {
      assertThat(Json.pretty(V2022.getComponents().getSchemas().get(name))).as(name)
          .isEqualTo(Json.pretty(CURRENT.getComponents().getSchemas().get(name)));
    }
    Map<String, Schema> oldFields = V2022.getComponents().getSchemas()
        .get("OneTimePaymentRequest").getProperties();
    Map<String, Schema> newFields = CURRENT.getComponents().getSchemas()
        .get("OneTimePaymentRequest").getProperties();
    oldFields.keySet().stream().filter(name -> !name.equals("isTemp")).forEach(name ->
        assertThat(Json.pretty(oldFields.get(name))).as(name)
            .isEqualTo(Json.pretty(newFields.get(name))));
    assertThat(Json.pretty(V2022.getPaths().get("/code/{code}")))
        .isEqualTo(Json.pretty(CURRENT.getPaths().get("/code/{code}")));
    assertThat(ErrorCatalogueTest.catalogue(V2022)).isEqualTo(ErrorCatalogueTest.catalogue(CURRENT));
  }

  @Test
  void onlyTheOneTimePaymentPageAndTheCheckoutAreDescribed() {
    assertThat(V2022.getPaths()).containsOnlyKeys("/v1/one_time_payment", "/code/{code}");
    assertThat(V2022.getInfo().getVersion()).isEqualTo("2022.2.0");
  }

  @Test
  void versionsAreNamedAsUsersTypeThem() {
    assertThat(Contract.named("2022")).isEqualTo(Contract.V2022);
    assertThat(Contract.named(" current ")).isEqualTo(Contract.CURRENT);
    assertThat(Contract.named("v2022")).isEqualTo(Contract.V2022);
    assertThat(MixPayOpenApi.yaml(Contract.V2022).toString())
        .endsWith("dev/mixpaykit/openapi/mixpay-2022.openapi.yaml");
    assertThatThrownBy(() -> Contract.named("2021"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown contract '2021'; known: current, 2022");
  }
}
