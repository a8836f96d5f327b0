package dev.mixpaykit.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The catalogue is stated three ways for three readers (the enum and its names for code
 * generators, {@code x-mixpay-errors} for the SDK and the mock, the status table in prose for
 * people). They must never drift apart.
 */
class ErrorCatalogueTest {

  private static final OpenAPI API = Spec.yaml();

  /** code → {message, httpStatus, when}, in catalogue order. */
  @SuppressWarnings("unchecked")
  static Map<Integer, Map<String, Object>> catalogue(OpenAPI api) {
    Schema<?> errorCode = api.getComponents().getSchemas().get("ErrorCode");
    List<Object> codes = new ArrayList<>(errorCode.getEnum());
    List<String> messages = (List<String>) errorCode.getExtensions().get("x-enum-descriptions");
    List<Map<String, Object>> rows =
        (List<Map<String, Object>>) errorCode.getExtensions().get("x-mixpay-errors");
    Map<Integer, Map<String, Object>> out = new LinkedHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> row = new LinkedHashMap<>(rows.get(i));
      row.put("message", messages.get(i));
      row.put("enum", codes.get(i));
      out.put((Integer) row.get("code"), row);
    }
    return out;
  }

  @Test
  @SuppressWarnings("unchecked")
  void enumNamesMessagesAndRowsLineUp() {
    Schema<?> errorCode = API.getComponents().getSchemas().get("ErrorCode");
    List<Object> codes = new ArrayList<>(errorCode.getEnum());
    List<String> names = (List<String>) errorCode.getExtensions().get("x-enum-varnames");
    List<String> messages = (List<String>) errorCode.getExtensions().get("x-enum-descriptions");
    List<Map<String, Object>> rows =
        (List<Map<String, Object>>) errorCode.getExtensions().get("x-mixpay-errors");

    assertThat(names).hasSameSizeAs(codes).doesNotHaveDuplicates()
        .allMatch(n -> n.matches("[A-Z][A-Z0-9_]*"));
    assertThat(messages).hasSameSizeAs(codes).allMatch(m -> !m.isBlank());
    assertThat(rows).hasSameSizeAs(codes);
    for (int i = 0; i < codes.size(); i++) {
      assertThat(rows.get(i).get("code")).as("row %d", i).isEqualTo(codes.get(i));
      assertThat((String) rows.get(i).get("when")).isNotBlank();
      assertThat(rows.get(i).get("httpStatus")).isIn(400, 404, 409, 429, 500, 503);
    }
    assertThat(codes).contains(-1, 404, 1017, 1429, 10001, 10002, 10003, 10004, 10005,
        10008, 10020, 10061, 10063, 10064, 10065);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theEnvelopeCodeIsOpenAndPointsAtTheCatalogue() {
    Schema<?> code = (Schema<?>) API.getComponents().getSchemas().get("ErrorEnvelope")
        .getProperties().get("code");

    assertThat(code.getEnum()).as("an enum would reject codes MixPay adds later").isNull();
    assertThat((Map<String, Object>) code.getExtensions().get("x-mixpay-catalogue"))
        .containsEntry("$ref", "#/components/schemas/ErrorCode");
  }

  @Test
  void theStatusListInTheDescriptionMatchesTheCatalogue() {
    Map<Integer, TreeSet<Integer>> fromCatalogue = new TreeMap<>();
    catalogue(API).forEach((code, row) -> fromCatalogue
        .computeIfAbsent((Integer) row.get("httpStatus"), s -> new TreeSet<>()).add(code));

    Map<Integer, TreeSet<Integer>> fromProse = new TreeMap<>();
    Matcher m = Pattern.compile("(?m)^- \\*\\*(\\d{3})\\*\\* \\(([-0-9, ]+)\\):")
        .matcher(API.getInfo().getDescription());
    while (m.find()) {
      TreeSet<Integer> codes = new TreeSet<>();
      for (String c : m.group(2).split(",")) {
        codes.add(Integer.parseInt(c.trim()));
      }
      fromProse.put(Integer.parseInt(m.group(1)), codes);
    }

    assertThat(fromProse).isEqualTo(fromCatalogue);
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyCodeTheRulesNameIsCatalogued() {
    Map<Integer, Map<String, Object>> catalogue = catalogue(API);
    Map<String, Schema> props = API.getComponents().getSchemas().get("OneTimePaymentRequest")
        .getProperties();
    Map<String, Object> window = (Map<String, Object>) props.get("expiredTimestamp")
        .getExtensions().get("x-mixpay-seconds-from-now");
    Map<String, Object> idempotency = (Map<String, Object>) API.getPaths()
        .get("/v1/one_time_payment").getPost().getExtensions().get("x-mixpay-idempotency");

    assertThat(window).containsEntry("exclusiveMinimum", 10)
        .containsEntry("exclusiveMaximum", 14400);
    assertThat(catalogue).containsKeys(
        (Integer) window.get("belowMinimumErrorCode"),
        (Integer) window.get("aboveMaximumErrorCode"),
        (Integer) props.get("callbackUrl").getExtensions().get("x-mixpay-error-code"),
        (Integer) idempotency.get("conflictErrorCode"));
  }

  @Test
  void everyErrorStatusOfEveryOperationHasCataloguedCodes() {
    var statuses = new TreeSet<Integer>();
    catalogue(API).values().forEach(row -> statuses.add((Integer) row.get("httpStatus")));
    // Every JSON error answer is an envelope with a catalogued code (the hosted checkout page
    // answers HTML and is not part of the catalogue).
    API.getPaths().values().forEach(item -> item.readOperations().forEach(op ->
        op.getResponses().forEach((status, response) -> {
          var content = SpecValidityTest.resolve(API, response).getContent();
          if (Integer.parseInt(status) >= 400 && content.containsKey("application/json")) {
            assertThat(statuses).as(op.getOperationId()).contains(Integer.parseInt(status));
          }
        })));
  }
}
