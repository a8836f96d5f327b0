package dev.mixpaykit.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.mixpaykit.mock.proxy.ProxyOptions;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;

/** The proxy from the command line (a real process once) and from the JUnit extension. */
class ProxyCommandLineTest {

  static final String UNKNOWN_CODE = "{\"code\":77777,\"success\":false,\"message\":\"?\","
      + "\"data\":[],\"timestampMs\":1672912800123}";

  private HttpServer upstream;
  private URI upstreamUri;

  @TempDir
  Path dir;

  /** A loopback MixPay that answers an error code the catalogue does not know. */
  @BeforeEach
  void upstream() throws Exception {
    upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    upstream.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      byte[] body = UNKNOWN_CODE.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(400, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    upstream.start();
    upstreamUri = URI.create("http://127.0.0.1:" + upstream.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    upstream.stop(0);
  }

  @Test
  void failOnDriftMakesTheProcessExitWithStatus3AfterWritingTheReports() throws Exception {
    Path json = dir.resolve("drift.json");
    Path junit = dir.resolve("TEST-drift.xml");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(List.of(java, "-cp",
        System.getProperty("java.class.path"), Main.class.getName(), "--port", "0",
        "--proxy-to", upstreamUri.toString(), "--allow-http-upstream", "--fail-on-drift",
        "--drift-report", json.toString(), "--drift-junit", junit.toString()))
        .redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String url = null;
      Pattern ready = Pattern.compile("MixPay mock listening on (http://127\\.0\\.0\\.1:\\d+)"
          + " \\(proxy to " + Pattern.quote(upstreamUri.toString()) + "\\)");
      for (String line; url == null && (line = out.readLine()) != null; ) {
        Matcher m = ready.matcher(line);
        url = m.find() ? m.group(1) : null;
      }
      assertThat(url).as("the ready line").isNotNull();

      HttpResponse<String> answer = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(url + "/v1/payments_result?traceId="
              + "525502dd-e552-4505-b114-32fe32ff23c2")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(answer.body()).isEqualTo(UNKNOWN_CODE);

      process.toHandle().destroy(); // SIGTERM
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stopped in time").isTrue();
      assertThat(process.exitValue()).isEqualTo(3);
      StringBuilder rest = new StringBuilder();
      for (String line; (line = out.readLine()) != null; ) {
        rest.append(line).append('\n');
      }
      assertThat(rest.toString()).contains("MixPay drift: 1 finding(s) in 1 exchange(s) with "
          + upstreamUri);
    } finally {
      process.destroyForcibly();
    }
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    assertThat(report.get("findings").size()).isEqualTo(1);
    assertThat(report.at("/findings/0/seen").asText()).isEqualTo("77777");
    assertThat(Files.readString(junit)).contains("failures=\"1\"");
  }

  @Test
  void aPlainHttpUpstreamWithoutConsentIsAUsageError() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"--proxy-to", "http://127.0.0.1:4511"}, System.out,
        new PrintStream(err));

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).startsWith("error: the upstream must use HTTPS"
        + " (http://127.0.0.1:4511); plain HTTP is allowed only for local tests"
        + " (--allow-http-upstream)");
  }

  @Test
  void driftOptionsWithoutAProxyAreAUsageError() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"--fail-on-drift"}, System.out, new PrintStream(err));

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).startsWith("error: the drift options need --proxy-to or"
        + " --replay");
  }

  @Test
  void theHelpNamesTheProxyOptions() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Main.run(new String[] {"--help"}, new PrintStream(out), System.err);

    assertThat(out.toString()).contains("--proxy-to URL", "--drift-report FILE",
        "--drift-junit FILE", "--fail-on-drift", "--report-values", "--record DIR",
        "--replay DIR", "--allow-http-upstream", "--upstream-timeout-ms N",
        "--strict-error-status");
  }

  @Test
  void replayChecksARecordingWithoutTheUpstreamAndExits3OnDrift() throws Exception {
    Path recordings = dir.resolve("rec");
    try (MixPayMock proxy = MixPayMock.builder().proxyTo(upstreamUri, ProxyOptions.defaults()
        .allowPlainHttpUpstream(true).record(recordings)).build().start()) {
      HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(proxy.baseUrl()
          + "/v1/payments_result?traceId=525502dd-e552-4505-b114-32fe32ff23c2")).build(),
          HttpResponse.BodyHandlers.ofString());
    }
    upstream.stop(0);
    Path json = dir.resolve("replayed.json");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int status = Main.run(new String[] {"--replay", recordings.toString(), "--fail-on-drift",
        "--drift-report", json.toString()}, new PrintStream(out), System.err);

    assertThat(status).isEqualTo(3);
    assertThat(out.toString()).startsWith("MixPay drift: 1 finding(s) in 1 exchange(s) with"
        + " replay of " + recordings);
    assertThat(new ObjectMapper().readTree(json.toFile()).at("/findings/0/seen").asText())
        .isEqualTo("77777");
  }

  @Test
  void theJUnitExtensionFailsTheClassWhenTheProxyFoundDrift() throws Exception {
    MixPayMockExtension extension = new MixPayMockExtension(MixPayMock.builder().proxyTo(
        upstreamUri, ProxyOptions.defaults().allowPlainHttpUpstream(true).failOnDrift(true)));
    ExtensionContext context = null; // the extension reads nothing from it
    extension.beforeAll(context);
    extension.beforeEach(context);
    HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(extension.baseUrl()
        + "/v1/payments_result?traceId=525502dd-e552-4505-b114-32fe32ff23c2")).build(),
        HttpResponse.BodyHandlers.ofString());
    extension.afterEach(context);

    assertThatThrownBy(() -> extension.afterAll(context))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("MixPay drifted from the spec:\n  getPaymentResult answer /code"
            + " catalogue: expected a value listed in ErrorCode (x-mixpay-catalogue), seen 77777"
            + " (1x)");
  }
}
