package dev.mixpaykit.mock.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mixpaykit.mock.MixPayMock;
import dev.mixpaykit.mock.proxy.Finding.Side;
import dev.mixpaykit.mock.proxy.ScriptedUpstream.Answer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The proxy in front of a loopback upstream that drifts from the spec in known ways: each kind
 * of drift is one finding (sent twice, it is still one finding, counted twice), and an
 * upstream that keeps to the spec gives an empty report.
 */
class DriftProxyTest {

  static final String PAYEE = "a0d7791408776b47eb1dd3f94ed15d6a";
  static final String BTC = "c6d0c728-2624-429b-8e0d-d9d19b6592fa";
  static final String CODE = "525502dd-e552-4505-b114-32fe32ff23c2";
  static final String FORM = "payeeId=" + PAYEE + "&quoteAmount=10&quoteAssetId=usd"
      + "&settlementAssetId=" + BTC + "&orderId=order-20230105-0042";
  static final String CREATED = "{\"code\":0,\"success\":true,\"message\":\"\","
      + "\"data\":{\"code\":\"" + CODE + "\"},\"timestampMs\":1672912800123}";

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final List<MixPayMock> started = new ArrayList<>();
  private ScriptedUpstream upstream;

  @TempDir
  Path dir;

  @BeforeEach
  void upstream() throws IOException {
    upstream = new ScriptedUpstream();
  }

  @AfterEach
  void stop() {
    started.forEach(MixPayMock::stop);
    upstream.close();
  }

  static ProxyOptions local() {
    // Generous: the machine may be busy. The slow-upstream test sets its own short timeout.
    return ProxyOptions.defaults().allowPlainHttpUpstream(true)
        .upstreamTimeout(Duration.ofSeconds(10));
  }

  MixPayMock proxy(ProxyOptions options) {
    MixPayMock mock = MixPayMock.builder().proxyTo(upstream.uri(), options).build().start();
    started.add(mock);
    return mock;
  }

  HttpResponse<String> send(MixPayMock proxy, String method, String target, String contentType,
      String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(proxy.baseUrl() + target))
        .timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> create(MixPayMock proxy, String form) throws Exception {
    return send(proxy, "POST", "/v1/one_time_payment", "application/x-www-form-urlencoded", form);
  }

  HttpResponse<String> result(MixPayMock proxy) throws Exception {
    return send(proxy, "GET", "/v1/payments_result?traceId=" + CODE, null, null);
  }

  static String result(Function<String, String> edit) {
    String data = "\"status\":\"success\",\"payeeId\":\"" + PAYEE + "\",\"traceId\":\"" + CODE
        + "\",\"quoteAmount\":\"10\",\"quoteAssetId\":\"usd\",\"date\":1672913100,"
        + "\"failureCode\":\"0\",\"failureReason\":\"\"";
    return "{\"code\":0,\"success\":true,\"message\":\"\",\"data\":{" + edit.apply(data)
        + "},\"timestampMs\":1672913160123}";
  }

  static String error(int code) {
    return "{\"code\":" + code + ",\"success\":false,\"message\":\"Parameter error.\","
        + "\"data\":[],\"timestampMs\":1672912800123}";
  }

  /** The finding's identity and count, without the times. */
  static String brief(Finding f) {
    return String.join(" | ", f.operation(), f.side().label(), f.pointer(), f.rule(),
        f.expected(), f.seen(), Long.toString(f.count()));
  }

  List<String> findings(MixPayMock proxy) {
    return proxy.drift().findings().stream().map(DriftProxyTest::brief).toList();
  }

  @Test
  void forwardsTheRequestUnchangedAndReturnsTheAnswerUnchanged() throws Exception {
    byte[] answerBody = CREATED.getBytes(StandardCharsets.UTF_8);
    upstream.answer(new Answer(200, Map.of("Content-Type", "application/json",
        "x-ratelimit-limit", "60", "x-ratelimit-remaining", "59", "X-Upstream", "yes"),
        answerBody, false));
    MixPayMock proxy = proxy(local());

    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
            URI.create(proxy.baseUrl() + "/v1/one_time_payment?x=a%20b&y=%2F"))
        .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
        .header("User-Agent", "shop/1.0")
        .header("X-Shop", "42")
        .POST(HttpRequest.BodyPublishers.ofString(FORM)).build(),
        HttpResponse.BodyHandlers.ofString());

    ScriptedUpstream.Seen seen = upstream.seen().get(0);
    assertThat(seen.method()).isEqualTo("POST");
    assertThat(seen.target()).isEqualTo("/v1/one_time_payment?x=a%20b&y=%2F");
    assertThat(new String(seen.body(), StandardCharsets.UTF_8)).isEqualTo(FORM);
    assertThat(seen.headers().get("Content-type"))
        .containsExactly("application/x-www-form-urlencoded; charset=UTF-8");
    assertThat(seen.headers().get("User-agent")).containsExactly("shop/1.0");
    assertThat(seen.headers().get("X-shop")).containsExactly("42");
    // Nothing that tells MixPay who the client is, nor anything else the client did not send.
    assertThat(lower(seen.headers().keySet())).isEqualTo(Set.of("content-type", "user-agent",
        "x-shop", "host", "content-length"));

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo(CREATED);
    assertThat(answer.headers().firstValue("x-ratelimit-remaining")).hasValue("59");
    assertThat(answer.headers().firstValue("X-Upstream")).hasValue("yes");
    // The upstream's headers (its server adds date), framed by this hop as it chooses.
    Set<String> names = lower(answer.headers().map().keySet());
    names.removeAll(Set.of("content-length", "transfer-encoding"));
    assertThat(names).isEqualTo(Set.of("content-type", "date", "x-ratelimit-limit",
        "x-ratelimit-remaining", "x-upstream"));
    assertThat(proxy.drift().findings()).isEmpty();
    assertThat(proxy.drift().exchanges()).isEqualTo(1);
  }

  static Set<String> lower(Set<String> names) {
    Set<String> out = new TreeSet<>();
    names.forEach(n -> out.add(n.toLowerCase(Locale.ROOT)));
    return out;
  }

  @Test
  void anUpstreamThatKeepsToTheSpecGivesAnEmptyReport() throws Exception {
    // The mock itself is the conforming upstream: its answers are contract-tested.
    try (MixPayMock real = MixPayMock.builder().build().start()) {
      MixPayMock proxy = MixPayMock.builder().proxyTo(URI.create(real.baseUrl()), local())
          .build().start();
      started.add(proxy);
      String traceId = UUID.randomUUID().toString();
      String json = "{\"payeeId\":\"" + PAYEE + "\",\"quoteAmount\":10,\"quoteAssetId\":\"usd\","
          + "\"settlementAssetId\":\"" + BTC + "\",\"traceId\":\"" + traceId + "\"}";

      assertThat(create(proxy, FORM).statusCode()).isEqualTo(200);
      assertThat(create(proxy, FORM).statusCode()).isEqualTo(200); // an idempotent repeat
      assertThat(send(proxy, "POST", "/v1/one_time_payment", "application/json", json)
          .body()).contains(traceId);
      assertThat(create(proxy, FORM.replace("quoteAmount=10", "quoteAmount=11")).statusCode())
          .isEqualTo(409);
      assertThat(create(proxy, "quoteAmount=1E3").statusCode()).isEqualTo(400);
      real.payInFull(traceId);
      assertThat(send(proxy, "GET", "/v1/payments_result?traceId=" + traceId, null, null)
          .statusCode()).isEqualTo(200);
      assertThat(send(proxy, "GET", "/v1/payments_result?orderId=order-20230105-0042&payeeId="
          + PAYEE, null, null).statusCode()).isEqualTo(200);
      assertThat(send(proxy, "GET", "/v1/payments_result?traceId=" + UUID.randomUUID(), null,
          null).statusCode()).isEqualTo(404);
      assertThat(send(proxy, "GET", "/v1/setting/quote_assets", null, null).statusCode())
          .isEqualTo(404);

      DriftReport report = proxy.drift();
      // The refused 1E3 request is the client's mistake, found on the request side only.
      assertThat(report.findings()).allMatch(f -> f.side() == Side.REQUEST);
      assertThat(report.findings().stream().map(Finding::pointer).distinct().toList())
          .containsExactly("/payeeId", "/quoteAmount", "/quoteAssetId", "/settlementAssetId");
      assertThat(report.exchanges()).isEqualTo(8);
      assertThat(report.unchecked()).isEqualTo(1);
      assertThat(report.errorsUnderHttp200()).isZero();
    }
  }

  @Test
  void theMockInItsHttp200ErrorStyleIsAConformingUpstreamToo() throws Exception {
    try (MixPayMock real = MixPayMock.builder().http200Errors(true).build().start()) {
      MixPayMock proxy = MixPayMock.builder().proxyTo(URI.create(real.baseUrl()), local())
          .build().start();
      started.add(proxy);

      HttpResponse<String> refused = create(proxy, FORM.replace("quoteAmount=10",
          "quoteAmount=-1"));
      HttpResponse<String> unknown = send(proxy, "GET", "/v1/payments_result?traceId="
          + UUID.randomUUID(), null, null);

      assertThat(refused.statusCode()).isEqualTo(200);
      assertThat(unknown.statusCode()).isEqualTo(200);
      DriftReport report = proxy.drift();
      assertThat(report.findings()).extracting(Finding::side).containsOnly(Side.REQUEST);
      assertThat(report.findings()).extracting(Finding::pointer).containsExactly("/quoteAmount");
      assertThat(report.errorsUnderHttp200()).isEqualTo(2);
    }
  }

  @Test
  void aConformingExchangeLeavesNothingToReport() throws Exception {
    // The spec gives date no type: MixPay has sent it as a number and as a string, so a
    // string date is not drift. (quoteAmount as a number is the type drift tested below.)
    upstream.answer(Answer.json(200, result(d -> d.replace("1672913100", "\"1672913100\""))));
    MixPayMock proxy = proxy(local());

    result(proxy);

    assertThat(proxy.drift().isEmpty()).isTrue();
    assertThat(proxy.drift().exchanges()).isEqualTo(1);
  }

  @Test
  void aGzippedAnswerIsPassedOnCompressedAndCheckedDecompressed() throws Exception {
    java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
    try (var gzip = new java.util.zip.GZIPOutputStream(zipped)) {
      gzip.write(result(d -> d.replace("\"status\":\"success\"", "\"status\":\"refunded\""))
          .getBytes(StandardCharsets.UTF_8));
    }
    upstream.answer(new Answer(200, Map.of("Content-Type", "application/json",
        "Content-Encoding", "gzip"), zipped.toByteArray(), false));
    MixPayMock proxy = proxy(local());

    HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(proxy.baseUrl()
        + "/v1/payments_result?traceId=" + CODE)).header("Accept-Encoding", "gzip").build(),
        HttpResponse.BodyHandlers.ofByteArray());

    assertThat(answer.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(answer.body()).isEqualTo(zipped.toByteArray());
    assertThat(upstream.seen().get(0).headers().get("Accept-encoding")).containsExactly("gzip");
    assertThat(findings(proxy)).containsExactly("getPaymentResult | answer | /data/status"
        + " | catalogue | a value listed in PaymentStatus (x-mixpay-catalogue) | refunded | 1");
  }

  @Test
  void anAmountSentAsANumberIsOneFindingWithoutTheAmount() throws Exception {
    upstream.answer(Answer.json(200, result(d -> d.replace("\"quoteAmount\":\"10\"",
        "\"quoteAmount\":12.5"))));
    MixPayMock proxy = proxy(local());

    HttpResponse<String> answer = result(proxy);
    result(proxy);

    assertThat(answer.body()).contains("\"quoteAmount\":12.5"); // passed on as sent
    assertThat(findings(proxy)).containsExactly("getPaymentResult | answer | /data/quoteAmount"
        + " | type | type: string | number | 2");
    assertThat(proxy.drift().toJson()).doesNotContain("12.5").doesNotContain(PAYEE);
    assertThat(proxy.drift().toJUnitXml()).doesNotContain("12.5").doesNotContain(PAYEE);
  }

  @Test
  void valuesGoIntoTheReportOnlyWhenAskedFor() throws Exception {
    upstream.answer(Answer.json(200, result(d -> d.replace("\"quoteAmount\":\"10\"",
        "\"quoteAmount\":12.5"))));
    MixPayMock proxy = proxy(local().reportValues(true));

    result(proxy);

    assertThat(proxy.drift().findings()).singleElement()
        .extracting(Finding::example).isEqualTo("12.5");
  }

  @Test
  void aMissingFieldIsOneFinding() throws Exception {
    upstream.answer(Answer.json(200, result(d -> d.replace("\"payeeId\":\"" + PAYEE + "\",",
        ""))));
    MixPayMock proxy = proxy(local());

    result(proxy);
    result(proxy);

    assertThat(findings(proxy)).containsExactly("getPaymentResult | answer | /data/payeeId"
        + " | required | present (required) | missing | 2");
  }

  @Test
  void anUnknownPaymentStatusIsOneFinding() throws Exception {
    upstream.answer(Answer.json(200, result(d -> d.replace("\"status\":\"success\"",
        "\"status\":\"refunded\""))));
    MixPayMock proxy = proxy(local());

    result(proxy);
    result(proxy);

    assertThat(findings(proxy)).containsExactly("getPaymentResult | answer | /data/status"
        + " | catalogue | a value listed in PaymentStatus (x-mixpay-catalogue) | refunded | 2");
  }

  @Test
  void anUnknownErrorCodeIsOneFinding() throws Exception {
    upstream.answer(Answer.json(400, error(77777)));
    MixPayMock proxy = proxy(local());

    create(proxy, FORM);
    create(proxy, FORM);

    assertThat(findings(proxy)).containsExactly("createOneTimePayment | answer | /code"
        + " | catalogue | a value listed in ErrorCode (x-mixpay-catalogue) | 77777 | 2");
  }

  @Test
  void anErrorUnderTheWrongStatusIsOneFinding() throws Exception {
    upstream.answer(Answer.json(500, error(1017)));
    MixPayMock proxy = proxy(local());

    create(proxy, FORM);

    assertThat(findings(proxy)).containsExactly("createOneTimePayment | answer | /code"
        + " | status-mapping | HTTP 400 for code 1017 (x-mixpay-errors) | HTTP 500 | 1");
  }

  @Test
  void anErrorUnderHttp200IsAnAllowedStyleUnlessStrict() throws Exception {
    upstream.answer(Answer.json(200, error(10001)));
    MixPayMock lenient = proxy(local());
    MixPayMock strict = proxy(local().strictErrorStatus(true));

    create(lenient, FORM);
    create(strict, FORM);
    create(strict, FORM);

    assertThat(lenient.drift().isEmpty()).isTrue();
    assertThat(lenient.drift().errorsUnderHttp200()).isEqualTo(1);
    assertThat(findings(strict)).containsExactly("createOneTimePayment | answer |  | "
        + "status-mapping | HTTP 400 for an error (x-mixpay-errors) | HTTP 200 | 2");
  }

  @Test
  void aNonJson502IsPassedOnAndIsOneFinding() throws Exception {
    String page = "<html><body>502 Bad Gateway</body></html>";
    upstream.answer(Answer.of(502, "text/html", page));
    MixPayMock proxy = proxy(local());

    HttpResponse<String> answer = create(proxy, FORM);
    create(proxy, FORM);

    assertThat(answer.statusCode()).isEqualTo(502);
    assertThat(answer.body()).isEqualTo(page);
    assertThat(findings(proxy)).containsExactly("createOneTimePayment | answer |  | status"
        + " | HTTP 200, 400, 409, 429, 500, 503 | HTTP 502 text/html | 2");
  }

  @Test
  void aSlowUpstreamAnswersTheClientWithTheServerErrorEnvelope() throws Exception {
    upstream.answer(Answer.stalled());
    MixPayMock proxy = proxy(local().upstreamTimeout(Duration.ofMillis(300)));

    HttpResponse<String> answer = create(proxy, FORM);
    create(proxy, FORM);

    assertThat(answer.statusCode()).isEqualTo(500);
    JsonNode envelope = JSON.readTree(answer.body());
    assertThat(envelope.get("code").asInt()).isEqualTo(-1);
    assertThat(envelope.get("success").asBoolean()).isFalse();
    assertThat(envelope.get("data").isArray()).isTrue();
    assertThat(envelope.get("message").asText()).isEqualTo("Server error, please try again"
        + " later. (proxy: the upstream gave no answer within 300 ms)");
    assertThat(findings(proxy)).containsExactly("createOneTimePayment | answer |  | upstream"
        + " | an answer from MixPay | no answer within 300 ms | 2");
  }

  @Test
  void aBodyThatStopsHalfWayIsBoundedByTheSameTimeout() throws Exception {
    upstream.answer(Answer.stalledBody());
    MixPayMock proxy = proxy(local().upstreamTimeout(Duration.ofMillis(300)));

    HttpResponse<String> answer = result(proxy);

    assertThat(answer.statusCode()).isEqualTo(500);
    assertThat(JSON.readTree(answer.body()).get("code").asInt()).isEqualTo(-1);
    assertThat(findings(proxy)).containsExactly("getPaymentResult | answer |  | upstream"
        + " | an answer from MixPay | no answer within 300 ms | 1");
  }

  @Test
  void anUnreachableUpstreamIsAServerErrorAndAFinding() throws Exception {
    URI closed = upstream.uri();
    upstream.close();
    MixPayMock proxy = MixPayMock.builder().proxyTo(closed, local()).build().start();
    started.add(proxy);

    HttpResponse<String> answer = create(proxy, FORM);

    assertThat(answer.statusCode()).isEqualTo(500);
    assertThat(JSON.readTree(answer.body()).get("code").asInt()).isEqualTo(-1);
    assertThat(findings(proxy)).containsExactly("createOneTimePayment | answer |  | upstream"
        + " | an answer from MixPay | connection refused or unreachable | 1");
  }

  @Test
  void aTraceIdThatDoesNotComeBackAsTheCodeIsOneFinding() throws Exception {
    upstream.answer(Answer.json(200, CREATED));
    MixPayMock proxy = proxy(local());
    String form = FORM.replace("orderId=order-20230105-0042", "traceId=" + UUID.randomUUID());

    create(proxy, form);
    create(proxy, form);

    assertThat(findings(proxy)).containsExactly("createOneTimePayment | answer | /data/code"
        + " | traceId-is-code | the request's traceId | another value | 2");
  }

  @Test
  void anIdempotentRepeatWithAnotherCodeIsOneFinding() throws Exception {
    upstream.answer(s -> Answer.json(200, CREATED.replace(CODE, UUID.randomUUID().toString())));
    MixPayMock proxy = proxy(local());

    create(proxy, FORM);
    create(proxy, FORM);
    create(proxy, FORM);

    assertThat(findings(proxy)).containsExactly("createOneTimePayment | answer | /data/code"
        + " | idempotency | the code of the earlier request with the same payeeId + orderId"
        + " and parameters (x-mixpay-idempotency) | another code | 2");
  }

  @Test
  void aRequestTheSpecRefusesIsFoundOnTheRequestSide() throws Exception {
    upstream.answer(Answer.json(400, error(1017)));
    MixPayMock proxy = proxy(local());

    create(proxy, FORM + "&remark=" + "x".repeat(51));

    assertThat(findings(proxy)).containsExactly("createOneTimePayment | request | /remark"
        + " | request | must be at most 50 characters | string | 1");
  }

  @Test
  void aValueTheReadingRefusesIsReportedAsSentNotAsMissing() throws Exception {
    upstream.answer(Answer.json(400, error(1017)));
    MixPayMock proxy = proxy(local());

    create(proxy, FORM.replace("quoteAmount=10", "quoteAmount=1E3"));
    send(proxy, "POST", "/v1/one_time_payment", "application/json", "{\"payeeId\":\"" + PAYEE
        + "\",\"quoteAmount\":{\"a\":1},\"quoteAssetId\":\"usd\",\"settlementAssetId\":"
        + "\"c6d0c728-2624-429b-8e0d-d9d19b6592fa\",\"orderId\":\"order-20230105-0042\"}");

    assertThat(findings(proxy)).containsExactlyInAnyOrder(
        "createOneTimePayment | request | /quoteAmount | request | must be a decimal number in"
            + " plain notation, like 10 or 0.5 | string | 1",
        "createOneTimePayment | request | /quoteAmount | request | must be a decimal number in"
            + " plain notation, like 10 or 0.5 | object | 1");
  }

  @Test
  void aGzippedRequestIsForwardedUnzippedWithItsMeaningKept() throws Exception {
    upstream.answer(Answer.json(200, CREATED));
    MixPayMock proxy = proxy(local());
    java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
    try (var gzip = new java.util.zip.GZIPOutputStream(zipped)) {
      gzip.write(FORM.getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
            URI.create(proxy.baseUrl() + "/v1/one_time_payment"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Content-Encoding", "gzip")
        .POST(HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray())).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    ScriptedUpstream.Seen seen = upstream.seen().get(0);
    assertThat(new String(seen.body(), StandardCharsets.UTF_8)).isEqualTo(FORM);
    assertThat(lower(seen.headers().keySet())).doesNotContain("content-encoding");
    assertThat(findings(proxy)).isEmpty();
  }

  @Test
  void aRequestTheSpecRefusesButMixPayAcceptsIsFoundOnBothSides() throws Exception {
    upstream.answer(Answer.json(200, CREATED));
    MixPayMock proxy = proxy(local());

    create(proxy, FORM + "&remark=" + "x".repeat(51));

    assertThat(findings(proxy)).containsExactly(
        "createOneTimePayment | request | /remark | request | must be at most 50 characters"
            + " | string | 1",
        "createOneTimePayment | answer |  | accepted | an error: the spec refuses this request"
            + " | success | 1");
  }

  @Test
  void aRepeatWithOtherParametersThatSucceedsIsOneFinding() throws Exception {
    upstream.answer(Answer.json(200, CREATED));
    MixPayMock proxy = proxy(local());

    create(proxy, FORM);
    create(proxy, FORM.replace("quoteAmount=10", "quoteAmount=11"));

    assertThat(findings(proxy)).containsExactly("createOneTimePayment | answer |  | idempotency"
        + " | an error for a repeat of payeeId + orderId with other parameters"
        + " (x-mixpay-idempotency) | success | 1");
  }

  @Test
  void redirectsArePassedOnNotFollowed() throws Exception {
    upstream.answer(new Answer(302, Map.of("Location", "https://elsewhere.example/"),
        new byte[0], false));
    MixPayMock proxy = proxy(local());

    HttpResponse<String> answer = create(proxy, FORM);

    assertThat(answer.statusCode()).isEqualTo(302);
    assertThat(answer.headers().firstValue("Location")).hasValue("https://elsewhere.example/");
    assertThat(upstream.seen()).hasSize(1);
    assertThat(findings(proxy)).containsExactly("createOneTimePayment | answer |  | status"
        + " | HTTP 200, 400, 409, 429, 500, 503 | HTTP 302 | 1");
  }

  @Test
  void thePlainHttpUpstreamNeedsExplicitConsent() {
    assertThatThrownBy(() -> MixPayMock.builder().proxyTo(upstream.uri()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the upstream must use HTTPS (" + upstream.uri() + "); plain HTTP is"
            + " allowed only for local tests (--allow-http-upstream)");
    assertThatThrownBy(() -> MixPayMock.builder().proxyTo(URI.create("ftp://api.mixpay.me")))
        .hasMessage("the upstream must be an https:// URL, not ftp://api.mixpay.me");
  }

  @Test
  void writesBothReportsWhenItStopsAndOnDemand() throws Exception {
    upstream.answer(Answer.json(400, error(77777)));
    Path json = dir.resolve("drift.json");
    Path junit = dir.resolve("reports/TEST-drift.xml");
    MixPayMock proxy = proxy(local().driftReport(json).driftJUnit(junit));

    create(proxy, FORM);
    HttpResponse<String> onDemand = send(proxy, "GET", "/__admin/mixpay/drift", null, null);
    HttpResponse<String> write = send(proxy, "POST", "/__admin/mixpay/drift/write", null, "");

    assertThat(JSON.readTree(onDemand.body()).get("findings").get(0).get("seen").asText())
        .isEqualTo("77777");
    assertThat(write.statusCode()).isEqualTo(200);
    assertThat(Files.exists(json)).isTrue();

    create(proxy, FORM);
    proxy.stop();

    JsonNode report = JSON.readTree(json.toFile());
    assertThat(report.get("upstream").asText()).isEqualTo(upstream.uri().toString());
    assertThat(report.get("exchanges").asLong()).isEqualTo(2);
    assertThat(report.get("valuesIncluded").asBoolean()).isFalse();
    JsonNode finding = report.get("findings").get(0);
    assertThat(report.get("findings").size()).isEqualTo(1);
    assertThat(finding.get("operation").asText()).isEqualTo("createOneTimePayment");
    assertThat(finding.get("side").asText()).isEqualTo("answer");
    assertThat(finding.get("pointer").asText()).isEqualTo("/code");
    assertThat(finding.get("count").asLong()).isEqualTo(2);
    assertThat(finding.has("firstSeen") && finding.has("lastSeen")).isTrue();

    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(junit.toFile());
    Element suite = xml.getDocumentElement();
    assertThat(suite.getTagName()).isEqualTo("testsuite");
    assertThat(suite.getAttribute("tests")).isEqualTo("2"); // the request side passed
    assertThat(suite.getAttribute("failures")).isEqualTo("1");
    Element failure = (Element) suite.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message")).isEqualTo("expected a value listed in"
        + " ErrorCode (x-mixpay-catalogue), seen 77777");
  }

  @Test
  void aReplayJudgesTimeRulesAndDatesFindingsByWhenTheExchangeHappened() throws Exception {
    // Recorded on 2023-01-05 at 10:00 UTC, with a deadline half an hour later: valid then.
    Path recordings = Files.createDirectories(dir.resolve("old"));
    String body = FORM + "&expiredTimestamp=1672914600";
    String answer = error(77777).replace("\"", "\\\"");
    Files.writeString(recordings.resolve("000001-createOneTimePayment.json"), "{\"at\":"
        + "\"2023-01-05T10:00:00Z\",\"millis\":80,\"request\":{\"method\":\"POST\","
        + "\"target\":\"/v1/one_time_payment\",\"headers\":{\"content-type\":"
        + "\"application/x-www-form-urlencoded\"},\"body\":\"" + body + "\"},\"answer\":"
        + "{\"status\":400,\"headers\":{\"content-type\":\"application/json\"},\"body\":\""
        + answer + "\"},\"failure\":null}");

    DriftReport replay = DriftProxy.replay(recordings, ProxyOptions.defaults(),
        dev.mixpaykit.openapi.MixPayOpenApi.json().toString(), java.time.Clock.systemUTC());

    assertThat(replay.findings()).singleElement().satisfies(f -> {
      assertThat(brief(f)).isEqualTo("createOneTimePayment | answer | /code | catalogue"
          + " | a value listed in ErrorCode (x-mixpay-catalogue) | 77777 | 1");
      assertThat(f.firstSeen()).isEqualTo(java.time.Instant.parse("2023-01-05T10:00:00Z"));
      assertThat(f.lastSeen()).isEqualTo(f.firstSeen());
    });
  }

  @Test
  void aRecordingReplaysToTheSameReportWithoutTheUpstream() throws Exception {
    upstream.answer(s -> s.target().startsWith("/v1/payments_result")
        ? Answer.json(200, result(d -> d.replace("\"status\":\"success\"",
            "\"status\":\"refunded\"")))
        : Answer.json(200, CREATED));
    Path recordings = dir.resolve("recorded");
    MixPayMock proxy = proxy(local().record(recordings));

    create(proxy, FORM);
    create(proxy, FORM.replace("orderId=order-20230105-0042", "traceId=" + UUID.randomUUID()));
    result(proxy);
    send(proxy, "GET", "/v1/setting/quote_assets", null, null);
    List<String> live = findings(proxy);
    proxy.stop();
    upstream.close();

    Path replayed = dir.resolve("replayed.json");
    DriftReport replay = DriftProxy.replay(recordings, ProxyOptions.defaults()
        .driftReport(replayed), dev.mixpaykit.openapi.MixPayOpenApi.json().toString(),
        java.time.Clock.systemUTC());

    assertThat(live).hasSize(2);
    assertThat(replay.findings().stream().map(DriftProxyTest::brief).toList())
        .isEqualTo(live);
    assertThat(replay.exchanges()).isEqualTo(3);
    assertThat(replay.unchecked()).isEqualTo(1);
    assertThat(Files.exists(replayed)).isTrue();
    try (var files = Files.list(recordings)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(
          "000001-createOneTimePayment.json", "000002-createOneTimePayment.json",
          "000003-getPaymentResult.json", "000004-unchecked.json");
    }
    JsonNode first = JSON.readTree(recordings.resolve("000001-createOneTimePayment.json")
        .toFile());
    assertThat(first.at("/request/body").asText()).isEqualTo(FORM);
    assertThat(first.at("/answer/body").asText()).isEqualTo(CREATED);
    assertThat(first.at("/answer/status").asInt()).isEqualTo(200);
  }
}
