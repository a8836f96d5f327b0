package dev.mixpaykit.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.mixpaykit.mock.MixPayMockExtension;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every request example in the spec is sendable: sent to a running mock exactly as the spec
 * shows it (as a form and as JSON, for each media type that lists it), it gets the documented
 * answer. Fields that the spec marks as relative to the moment of sending
 * ({@code x-mixpay-example-seconds-from-now} on the example) are rendered at send time.
 *
 * <p>The spec is read as plain YAML, not through the mock's or the generators' parsers, so
 * that this test shares no reading of the examples with the code it checks.
 */
class SpecExamplesTest {

  private static final String CREATE = "/v1/one_time_payment";
  private static final String FORM = "application/x-www-form-urlencoded";
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .build();
  private static final Pattern DATA_STATUS = Pattern.compile("data-status=\"([^\"]*)\"");

  @RegisterExtension
  static final MixPayMockExtension MIXPAY = new MixPayMockExtension(); // free port, one per class

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static JsonNode spec;

  @BeforeAll
  static void readSpec() throws IOException {
    spec = YAMLMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build()
        .readTree(Path.of(System.getProperty("interop.specFile",
            "../openapi/mixpay.openapi.yaml")).toFile());
  }

  /** Only the create call takes a body (the callback's is MixPay's request to a merchant). */
  @Test
  void theCreateCallIsTheOnlyOperationWithARequestBody() {
    List<String> withBody = new ArrayList<>();
    spec.get("paths").properties().forEach(path -> path.getValue().properties()
        .forEach(op -> {
          if (op.getValue().has("requestBody")) {
            withBody.add(op.getKey() + " " + path.getKey());
          }
        }));
    assertThat(withBody).containsExactly("post " + CREATE);
  }

  @TestFactory
  Stream<DynamicTest> everyRequestBodyExampleCreatesAPayment() {
    JsonNode content = spec.at("/paths/" + pointer(CREATE) + "/post/requestBody/content");
    List<DynamicTest> tests = new ArrayList<>();
    content.properties().forEach(media -> media.getValue().path("examples").properties()
        .forEach(example -> tests.add(DynamicTest.dynamicTest(
            media.getKey() + " " + example.getKey(), () -> {
              MIXPAY.mock().reset(); // the same example goes out as form and as JSON
              JsonNode value = rendered(resolve(example.getValue()));
              HttpResponse<String> answer = send(media.getKey(), value);
              assertCreated(answer, value);
            }))));
    assertThat(tests).extracting(DynamicTest::getDisplayName).contains(
        "application/x-www-form-urlencoded full", "application/json full");
    return tests.stream();
  }

  /**
   * The result query's and the checkout's parameter examples name payments of the request
   * examples; once those are created, the examples get the documented 200 answers.
   */
  @Test
  void parameterExamplesFindThePaymentsOfTheRequestExamples() throws Exception {
    JsonNode examples = spec.at("/components/examples");
    for (String name : List.of("MinimalRequest", "FullRequest", "LegacyRequest")) {
      assertCreated(send(FORM, rendered(examples.get(name))), examples.get(name).get("value"));
    }
    JsonNode result = spec.at("/paths/" + pointer("/v1/payments_result") + "/get");
    Map<String, String> parameterExamples = parameterExamples(result);
    List<String> identifiers = new ArrayList<>();
    result.get("x-mixpay-identifier-sets").forEach(set -> set.forEach(n -> identifiers.add(n.asText())));
    for (JsonNode set : result.get("x-mixpay-identifier-sets")) {
      // One identifier set at a time (the sets name different payments), with every other
      // parameter's example.
      StringJoiner query = new StringJoiner("&");
      parameterExamples.forEach((name, example) -> {
        boolean inSet = false;
        for (JsonNode n : set) {
          inSet |= n.asText().equals(name);
        }
        if (inSet || !identifiers.contains(name)) {
          query.add(name + "=" + encode(example));
        }
      });
      HttpResponse<String> answer = get("/v1/payments_result?" + query);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      JsonNode data = JSON.readTree(answer.body()).get("data");
      assertThat(data.get("status").asText()).as(query.toString()).isEqualTo("unpaid");
      for (JsonNode name : set) {
        if (data.has(name.asText())) {
          assertThat(data.get(name.asText()).asText()).isEqualTo(parameterExamples.get(name.asText()));
        }
      }
    }

    String code = parameterExamples(spec.at("/paths/" + pointer("/code/{code}") + "/get"))
        .get("code");
    HttpResponse<String> page = get("/code/" + code);
    assertThat(page.statusCode()).isEqualTo(200);
    String documented = spec.at("/paths/" + pointer("/code/{code}")
        + "/get/responses/200/content/text~1html/examples/payable/value").asText();
    assertThat(dataStatus(page.body())).isEqualTo(dataStatus(documented)).isEqualTo("unpaid");
  }

  private static void assertCreated(HttpResponse<String> answer, JsonNode sent) throws IOException {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode envelope = JSON.readTree(answer.body());
    assertThat(envelope.fieldNames()).toIterable()
        .containsExactly("code", "success", "message", "data", "timestampMs");
    assertThat(envelope.get("code").asInt()).isZero();
    assertThat(envelope.get("success").asBoolean()).isTrue();
    assertThat(envelope.get("message").asText()).isEmpty();
    assertThat(envelope.get("data").fieldNames()).toIterable().containsExactly("code");
    String code = envelope.get("data").get("code").asText();
    assertThat(UUID.fromString(code).toString()).isEqualTo(code);
    if (sent.hasNonNull("traceId")) {
      assertThat(code).isEqualTo(sent.get("traceId").asText());
    }
  }

  /** The example's value, with the fields it marks as relative to now rendered for now. */
  private static JsonNode rendered(JsonNode example) {
    ObjectNode value = example.get("value").deepCopy();
    JsonNode offsets = example.path("x-mixpay-example-seconds-from-now");
    long now = System.currentTimeMillis() / 1000;
    offsets.properties().forEach(e -> {
      assertThat(value.has(e.getKey())).as("the example has " + e.getKey()).isTrue();
      value.put(e.getKey(), now + e.getValue().asLong());
    });
    return value;
  }

  private static JsonNode resolve(JsonNode node) {
    String ref = node.path("$ref").asText(null);
    return ref == null ? node : spec.at(ref.substring(1));
  }

  private static Map<String, String> parameterExamples(JsonNode operation) {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode parameter : operation.get("parameters")) {
      out.put(parameter.get("name").asText(), parameter.get("example").asText());
    }
    return out;
  }

  private static HttpResponse<String> send(String mediaType, JsonNode value) throws Exception {
    String body = mediaType.equals(FORM) ? form(value) : JSON.writeValueAsString(value);
    return HTTP.send(HttpRequest.newBuilder(URI.create(MIXPAY.baseUrl() + CREATE))
        .header("Content-Type", mediaType)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String pathAndQuery) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(MIXPAY.baseUrl() + pathAndQuery)).GET()
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A form as MixPay's documentation writes one: every value as text, decimals plain. */
  private static String form(JsonNode value) {
    StringJoiner out = new StringJoiner("&");
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      JsonNode v = field.getValue();
      String text = v.isNumber() ? new BigDecimal(v.asText()).toPlainString() : v.asText();
      out.add(encode(field.getKey()) + "=" + encode(text));
    }
    return out.toString();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String pointer(String path) {
    return path.replace("~", "~0").replace("/", "~1");
  }

  private static String dataStatus(String html) {
    Matcher m = DATA_STATUS.matcher(html);
    assertThat(m.find()).as(html).isTrue();
    return m.group(1);
  }

}
