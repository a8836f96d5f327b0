package dev.mixpaykit.mock;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mixpaykit.openapi.MixPayOpenApi.Contract;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The mock serves either published contract. MixPay's February 2022 page's own curl example,
 * sent byte for byte as curl sends it, is a success under {@code --contract 2022} and a 1017
 * that points at that option under the current contract; from Java, the CLI and JUnit alike.
 */
class ContractVersionTest {

  /**
   * The 2022 page's example as curl puts it on the wire:
   * <pre>
   * curl -i -X POST https://api.mixpay.me/v1/one_time_payment \
   *   -d "payeeId"="a38ed284-5689-4fb9-8c2a-91fba5e32ce9" \
   *   -d "settlementAssetId"="c6d0c728-2624-429b-8e0d-d9d19b6592fa" \
   *   -d "quoteAssetId"="usd" \
   *   -d "quoteAmount"="10" \
   *   -d "isTemp"="1"
   * </pre>
   * (the shell removes the quotes; curl joins the values with {@code &} and sends them as a
   * form).
   */
  static final String PAGE_2022_BODY = "payeeId=a38ed284-5689-4fb9-8c2a-91fba5e32ce9"
      + "&settlementAssetId=c6d0c728-2624-429b-8e0d-d9d19b6592fa&quoteAssetId=usd"
      + "&quoteAmount=10&isTemp=1";

  static final String WITHOUT_IS_TEMP = PAGE_2022_BODY.replace("&isTemp=1", "");

  /** The whole message under the current contract: the rule, then where to look. */
  static final String CURRENT_REFUSAL = "Parameter error. orderId/traceId: one of orderId,"
      + " traceId is required; this request looks like MixPay's 2022 contract: start the mock"
      + " with --contract 2022 (in Java: contract(Contract.V2022)).";

  static final String REFUSAL_2022 = "Parameter error. isTemp: is required.";

  private static final ObjectMapper JSON = new ObjectMapper();

  // --- Java builder ---

  @Test
  void fromJavaThe2022PageIsServedAsWritten() throws Exception {
    try (MixPayMock mock = MixPayMock.builder().contract(Contract.V2022).build().start()) {
      assertCreated(mock.port(), Contract.V2022, mock);
      assertRefused(curl(mock.port(), WITHOUT_IS_TEMP), Contract.V2022, REFUSAL_2022);
    }
  }

  @Test
  void fromJavaTheDefaultContractRefusesThe2022PageAndSaysWhy() throws Exception {
    try (MixPayMock mock = MixPayMock.builder().build().start()) {
      assertRefused(curl(mock.port(), PAGE_2022_BODY), Contract.CURRENT, CURRENT_REFUSAL);
      assertThat(mock.payments()).isEmpty();
    }
  }

  @Test
  void theHintIsOnlyForRequestsThatLookLikeThe2022Page() throws Exception {
    try (MixPayMock mock = MixPayMock.builder().build().start()) {
      assertRefused(curl(mock.port(), WITHOUT_IS_TEMP), Contract.CURRENT,
          "Parameter error. orderId/traceId: one of orderId, traceId is required.");
    }
  }

  // --- JUnit extension ---

  @Nested
  class FromTheExtension {

    @RegisterExtension
    MixPayMockExtension current = new MixPayMockExtension();

    @RegisterExtension
    MixPayMockExtension v2022 = new MixPayMockExtension(
        MixPayMock.builder().contract(Contract.V2022));

    @Test
    void bothContracts() throws Exception {
      assertCreated(v2022.port(), Contract.V2022, v2022.mock());
      assertRefused(curl(v2022.port(), WITHOUT_IS_TEMP), Contract.V2022, REFUSAL_2022);
      assertRefused(curl(current.port(), PAGE_2022_BODY), Contract.CURRENT, CURRENT_REFUSAL);
    }

    @Test
    void under2022EveryRequestIsANewPaymentAndThereIsNoResultQuery() throws Exception {
      MixPayMock mock = v2022.mock();
      String first = code(curl(mock.port(), PAGE_2022_BODY));
      String second = code(curl(mock.port(), PAGE_2022_BODY));

      // The 2022 page has no identifier, hence nothing to recognise a repeat by.
      assertThat(second).isNotEqualTo(first);
      assertThat(mock.payments()).extracting(CreatedPayment::code).containsExactly(first, second);
      assertThat(mock.payments().get(0).parameters()).containsEntry("isTemp", "true")
          .containsEntry("expireSeconds", "86400");
      // Faithful to the page: no GET /v1/payments_result, which it does not describe.
      RawHttp.Answer result = RawHttp.get(mock.port(), "/v1/payments_result?traceId=" + first);
      assertThat(result.status()).isEqualTo(404);
      assertThat(JSON.readTree(result.body()).path("message").asText())
          .isEqualTo("The payment link you visited does not exist. no route GET"
              + " /v1/payments_result.");
      // The checkout page is part of both contracts.
      assertThat(RawHttp.get(mock.port(), "/code/" + first).status()).isEqualTo(200);
      mock.payInFull(first);
      assertThat(RawHttp.get(mock.port(), "/code/" + first).body()).isEqualTo("<!doctype html>"
          + "<html><head><meta charset=\"utf-8\"><title>MixPay</title></head>"
          + "<body data-status=\"success\"><h1>This payment has been completed.</h1></body></html>");
    }
  }

  // --- command line ---

  @Test
  void fromTheCommandLineBothContracts() throws Exception {
    try (Cli cli = Cli.start("--contract", "2022")) {
      assertThat(cli.banner).isEqualTo("Serving MixPay's 2022 contract");
      assertCreated(cli.port, Contract.V2022, null);
      assertRefused(curl(cli.port, WITHOUT_IS_TEMP), Contract.V2022, REFUSAL_2022);
    }
    try (Cli cli = Cli.start()) {
      assertRefused(curl(cli.port, PAGE_2022_BODY), Contract.CURRENT, CURRENT_REFUSAL);
    }
  }

  @Test
  void anUnknownContractIsAUsageErrorThatListsTheKnownOnes() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"--contract", "2021"}, System.out,
        new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).lines().findFirst())
        .hasValue("error: unknown contract '2021'; known: current, 2022");
  }

  @Test
  void aSpecFileAndAContractExcludeEachOther() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"--spec", "../openapi/mixpay.openapi.yaml",
        "--contract", "2022"}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).lines().findFirst())
        .hasValue("error: --spec and --contract exclude each other");
  }

  @Test
  void theHelpNamesTheOption() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Main.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
        System.err);

    assertThat(out.toString(StandardCharsets.UTF_8).lines())
        .contains("  --contract NAME        published contract to serve: current (default) or 2022");
  }

  // --- helpers ---

  /** Sends {@code body} as curl 7.88 sends {@code -d} values: same request line and headers. */
  static RawHttp.Answer curl(int port, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
    return RawHttp.send(port, "POST /v1/one_time_payment HTTP/1.1\r\n"
        + "Host: 127.0.0.1:" + port + "\r\n"
        + "User-Agent: curl/7.88.1\r\n"
        + "Accept: */*\r\n"
        + "Content-Length: " + bytes.length + "\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\n"
        + "Connection: close\r\n\r\n", bytes);
  }

  /** The verbatim example gets MixPay's success envelope, valid against the contract served. */
  private static void assertCreated(int port, Contract contract, MixPayMock mock)
      throws IOException {
    RawHttp.Answer answer = curl(port, PAGE_2022_BODY);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertConformsTo(contract, answer);
    JsonNode envelope = JSON.readTree(answer.body());
    List<String> names = new ArrayList<>();
    envelope.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactly("code", "success", "message", "data", "timestampMs");
    assertThat(envelope.get("code").asInt()).isZero();
    assertThat(envelope.get("success").asBoolean()).isTrue();
    assertThat(envelope.get("message").asText()).isEmpty();
    String code = envelope.get("data").get("code").asText();
    assertThat(UUID.fromString(code).toString()).isEqualTo(code);
    assertThat(Math.abs(envelope.get("timestampMs").asLong() - System.currentTimeMillis()))
        .isLessThan(60_000);
    if (mock != null) {
      assertThat(mock.payments()).singleElement().satisfies(p -> {
        assertThat(p.code()).isEqualTo(code);
        assertThat(p.payeeId()).isEqualTo("a38ed284-5689-4fb9-8c2a-91fba5e32ce9");
        assertThat(p.quoteAmount()).isEqualByComparingTo("10");
        assertThat(p.orderId()).isNull();
        assertThat(p.traceId()).isNull();
      });
    }
  }

  private static void assertRefused(RawHttp.Answer answer, Contract contract, String message)
      throws IOException {
    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertConformsTo(contract, answer);
    JsonNode envelope = JSON.readTree(answer.body());
    assertThat(envelope.get("code").asInt()).isEqualTo(1017);
    assertThat(envelope.get("success").asBoolean()).isFalse();
    assertThat(envelope.get("message").asText()).isEqualTo(message);
  }

  private static void assertConformsTo(Contract contract, RawHttp.Answer answer) {
    var report = OpenApiInteractionValidator
        .createForSpecificationUrl(dev.mixpaykit.openapi.MixPayOpenApi.yaml(contract).toString())
        .build()
        .validateResponse("/v1/one_time_payment", Request.Method.POST,
            SimpleResponse.Builder.status(answer.status())
                .withContentType(answer.headers().get("content-type"))
                .withBody(answer.body()).build());
    assertThat(report.getMessages()).as(answer.body()).isEmpty();
  }

  private static String code(RawHttp.Answer answer) throws IOException {
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body()).path("data").path("code").asText();
  }

  /** {@code java Main ...} as a real process on a free port, stopped by SIGTERM. */
  private static final class Cli implements AutoCloseable {
    private static final Pattern READY =
        Pattern.compile("MixPay mock listening on http://127\\.0\\.0\\.1:(\\d+)");

    final Process process;
    final BufferedReader out;
    final int port;
    final String banner;

    private Cli(Process process, boolean contract) throws IOException {
      this.process = process;
      this.out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      Integer found = null;
      for (String line; found == null && (line = out.readLine()) != null; ) {
        Matcher m = READY.matcher(line);
        found = m.find() ? Integer.valueOf(m.group(1)) : null;
      }
      assertThat(found).as("the ready line").isNotNull();
      this.port = found;
      this.banner = contract ? out.readLine() : null;
    }

    static Cli start(String... options) throws IOException {
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--port", "0"));
      command.addAll(List.of(options));
      return new Cli(new ProcessBuilder(command).redirectErrorStream(true).start(),
          command.contains("--contract"));
    }

    @Override
    public void close() throws Exception {
      process.toHandle().destroy();
      try {
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stopped in time").isTrue();
      } finally {
        process.destroyForcibly();
        out.close();
      }
    }
  }
}
