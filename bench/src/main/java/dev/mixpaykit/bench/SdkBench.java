package dev.mixpaykit.bench;

import com.sun.net.httpserver.HttpServer;
import dev.mixpaykit.sdk.MixPayClient;
import dev.mixpaykit.sdk.OneTimePayment;
import dev.mixpaykit.sdk.OneTimePaymentRequest;
import dev.mixpaykit.sdk.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the SDK adds to a loopback round trip, measured through its public API only (this
 * class lives outside the SDK's package and uses no hook of its own).
 *
 * <ul>
 *   <li>{@code sdkRoundTrip}: {@link MixPayClient#createOneTimePayment} against a local JDK HTTP
 *       server that answers a fixed success envelope: validate, encode, send, decode.
 *   <li>{@code rawRoundTrip} (the baseline): {@code java.net.http} posting the same form bytes,
 *       with the same headers, to the same server and reading the answer as a string.
 * </ul>
 *
 * <p>{@code java -jar bench/target/benchmarks.jar} runs both in one JVM session and prints
 * {@code sdkRoundTrip / rawRoundTrip}. A local server, not the mock: the mock's own validation
 * would hide the client's cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(2)
public class SdkBench {

  static final String FORM = "payeeId=a0d7791408776b47eb1dd3f94ed15d6a&quoteAmount=10.5"
      + "&quoteAssetId=usd&settlementAssetId=c6d0c728-2624-429b-8e0d-d9d19b6592fa"
      + "&remark=Order+42&orderId=order-20230105-0042"
      + "&callbackUrl=https%3A%2F%2Fshop.example.com%2Fmixpay%2Fcallback%3Forder%3D42";

  static final String ENVELOPE = "{\"code\":0,\"success\":true,\"message\":\"\",\"data\":"
      + "{\"code\":\"525502dd-e552-4505-b114-32fe32ff23c2\"},\"timestampMs\":1645411665245}";

  private volatile String lastBody;
  private HttpServer server;
  private ExecutorService serverThreads;
  private MixPayClient client;
  private HttpClient raw;
  private HttpRequest rawRequest;
  private OneTimePaymentRequest request;

  @Setup(Level.Trial)
  public void start() throws IOException {
    // Without TCP_NODELAY the JDK server's split writes meet delayed ACKs: 40 ms a round trip.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    serverThreads = Executors.newSingleThreadExecutor();
    server.setExecutor(serverThreads);
    byte[] answer = ENVELOPE.getBytes(StandardCharsets.UTF_8);
    server.createContext("/", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        lastBody = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    });
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();

    request = OneTimePaymentRequest.builder()
        .payeeId("a0d7791408776b47eb1dd3f94ed15d6a")
        .quoteAmount(new BigDecimal("10.5"))
        .quoteAssetId("usd")
        .settlementAssetId(UUID.fromString("c6d0c728-2624-429b-8e0d-d9d19b6592fa"))
        .orderId("order-20230105-0042")
        .remark("Order 42")
        .callbackUrl(URI.create("https://shop.example.com/mixpay/callback?order=42"))
        .build();
    client = MixPayClient.builder().baseUrl(base).retryPolicy(RetryPolicy.none()).build();
    raw = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    // The baseline sends what the SDK sends (WireFormatTest pins these bytes): same URI,
    // headers and form body.
    rawRequest = HttpRequest.newBuilder(URI.create(base + "/v1/one_time_payment"))
        .timeout(java.time.Duration.ofSeconds(30))
        .header("Accept", "application/json")
        .header("User-Agent", "mixpaykit-java-sdk/" + java.util.Objects.requireNonNullElse(
            MixPayClient.class.getPackage().getImplementationVersion(), "dev"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(FORM, StandardCharsets.US_ASCII))
        .build();
    client.createOneTimePayment(request);
    if (!FORM.equals(lastBody)) {
      throw new IllegalStateException("the baseline would not send the SDK's bytes: " + lastBody);
    }
  }

  @TearDown(Level.Trial)
  public void stop() {
    server.stop(0);
    serverThreads.shutdownNow();
  }

  @Benchmark
  public OneTimePayment sdkRoundTrip() {
    return client.createOneTimePayment(request);
  }

  @Benchmark
  public String rawRoundTrip() throws IOException, InterruptedException {
    return raw.send(rawRequest, HttpResponse.BodyHandlers.ofString()).body();
  }

  /** Runs both benchmarks and prints the ratio of the round trips. */
  public static void main(String[] args) throws Exception {
    JmhRatio.runAndPrint(SdkBench.class, args.length > 0 ? args[0] : "sdkRoundTrip|rawRoundTrip",
        "sdkRoundTrip", "rawRoundTrip", 1, " (aim: < 1.10)");
  }
}
