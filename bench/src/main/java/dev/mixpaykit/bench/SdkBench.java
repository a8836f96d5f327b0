package dev.mixpaykit.sdk;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;
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
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The SDK's own cost per call, and what it adds to a loopback round trip.
 *
 * <ul>
 *   <li>{@code clientCost}: no network; map, validate, encode the form body (the generated request
 *       builder), and decode a success envelope.
 *   <li>{@code sdkRoundTrip}: {@link MixPayClient#createOneTimePayment} against a local JDK HTTP
 *       server that answers a fixed success envelope.
 *   <li>{@code rawRoundTrip} (the baseline): {@code java.net.http} posting the same form bytes to
 *       the same server and reading the answer as a string.
 * </ul>
 *
 * <p>{@code java -jar bench/target/benchmarks.jar} runs all three in one JVM session and prints
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

  static final String ENVELOPE = "{\"code\":0,\"success\":true,\"message\":\"\",\"data\":"
      + "{\"code\":\"525502dd-e552-4505-b114-32fe32ff23c2\"},\"timestampMs\":1645411665245}";

  private HttpServer server;
  private ExecutorService serverThreads;
  private MixPayClient client;
  private HttpClient raw;
  private HttpRequest rawRequest;
  private OneTimePaymentRequest request;
  private HttpResponse<String> cannedAnswer;

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
        in.readAllBytes();
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
    // The baseline sends the very request the SDK builds: same URI, headers and form bytes.
    rawRequest = client.prepare(request);
    cannedAnswer = new Canned(rawRequest, ENVELOPE);
  }

  @TearDown(Level.Trial)
  public void stop() {
    server.stop(0);
    serverThreads.shutdownNow();
  }

  @Benchmark
  public OneTimePayment clientCost() {
    client.prepare(request);
    return client.decodeCreated(cannedAnswer);
  }

  @Benchmark
  public OneTimePayment sdkRoundTrip() {
    return client.createOneTimePayment(request);
  }

  @Benchmark
  public String rawRoundTrip() throws IOException, InterruptedException {
    return raw.send(rawRequest, HttpResponse.BodyHandlers.ofString()).body();
  }

  /** Runs the three benchmarks and prints the ratio of the round trips. */
  public static void main(String[] args) throws Exception {
    Collection<RunResult> results = new Runner(new OptionsBuilder()
        .include(SdkBench.class.getName() + "\\.(" + (args.length > 0 ? args[0]
            : "clientCost|sdkRoundTrip|rawRoundTrip") + ")$")
        .build()).run();
    Map<String, Double> score = new java.util.HashMap<>();
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark();
      score.put(name.substring(name.lastIndexOf('.') + 1), r.getPrimaryResult().getScore());
    }
    System.out.println();
    score.forEach((name, us) -> System.out.printf("%-13s %8.1f us/op%n", name, us));
    if (score.containsKey("sdkRoundTrip") && score.containsKey("rawRoundTrip")) {
      System.out.printf("ratio sdkRoundTrip / rawRoundTrip = %.3f (aim: < 1.10)%n",
          score.get("sdkRoundTrip") / score.get("rawRoundTrip"));
    }
    if (score.containsKey("clientCost") && score.containsKey("rawRoundTrip")) {
      System.out.printf("ratio clientCost / rawRoundTrip = %.3f%n",
          score.get("clientCost") / score.get("rawRoundTrip"));
    }
  }

  /** A finished answer, for decoding without a network. */
  private record Canned(HttpRequest request, String body) implements HttpResponse<String> {
    @Override
    public int statusCode() {
      return 200;
    }

    @Override
    public Optional<HttpResponse<String>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public HttpHeaders headers() {
      return HttpHeaders.of(Map.of("Content-Type", List.of("application/json")), (a, b) -> true);
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return Optional.empty();
    }

    @Override
    public URI uri() {
      return request.uri();
    }

    @Override
    public HttpClient.Version version() {
      return HttpClient.Version.HTTP_1_1;
    }
  }
}
