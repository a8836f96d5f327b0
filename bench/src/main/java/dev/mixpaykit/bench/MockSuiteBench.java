package dev.mixpaykit.bench;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.sun.net.httpserver.HttpServer;
import dev.mixpaykit.mock.CallbackAttempt;
import dev.mixpaykit.mock.MixPayMock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What an isolated mock per test costs, in one warm JVM:
 *
 * <ol>
 *   <li>start and stop of a {@link MixPayMock} (spec loaded, validator ready), median of 20
 *       after a warm-up, beside a plain WireMockServer started and stopped the same way;
 *   <li>a suite of 24 tests, each with its own mock (start, a payment with a callback, the
 *       clock advanced through four callback attempts, checks, stop), run one after the other
 *       and on 4 threads, in interleaved rounds.
 * </ol>
 *
 * {@code java -cp bench/target/benchmarks.jar dev.mixpaykit.bench.MockSuiteBench}
 */
public final class MockSuiteBench {

  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final int TESTS = 24;

  public static void main(String[] args) throws Exception {
    // The JDK's HttpServer (the shop) answers in two packets; without this each callback
    // attempt waits ~40 ms for a delayed ACK, which is the shop's cost, not the mock's.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    int warmup = Integer.getInteger("warmup", 30);
    int samples = Integer.getInteger("samples", 20);
    int rounds = Integer.getInteger("rounds", 3);

    for (int i = 0; i < warmup; i++) {
      startStopMock();
      startStopWireMock();
    }
    List<long[]> mock = new ArrayList<>();
    List<long[]> plain = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      mock.add(startStopMock());
      plain.add(startStopWireMock());
    }
    System.out.printf(Locale.ROOT, "start+stop, median of %d (ms): mixpay mock %.1f (start %.1f,"
            + " stop %.1f); plain WireMock %.1f (start %.1f, stop %.1f); ratio %.2f%n",
        samples, median(mock, 2), median(mock, 0), median(mock, 1), median(plain, 2),
        median(plain, 0), median(plain, 1), median(mock, 2) / median(plain, 2));

    HttpServer shop = shop();
    String callbackUrl = "http://127.0.0.1:" + shop.getAddress().getPort() + "/callback";
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      suite(callbackUrl, null); // warm-up
      suite(callbackUrl, pool);
      List<Double> sequential = new ArrayList<>();
      List<Double> parallel = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        sequential.add(suite(callbackUrl, null));
        parallel.add(suite(callbackUrl, pool));
      }
      Collections.sort(sequential);
      Collections.sort(parallel);
      double s = sequential.get(rounds / 2);
      double p = parallel.get(rounds / 2);
      System.out.printf(Locale.ROOT, "suite of %d isolated-mock tests, median of %d rounds (ms):"
          + " sequential %.0f %s, 4 threads %.0f %s; ratio parallel/sequential %.2f%n",
          TESTS, rounds, s, sequential, p, parallel, p / s);
    } finally {
      pool.shutdown();
      shop.stop(0);
    }
  }

  private static long[] startStopMock() {
    long t0 = System.nanoTime();
    MixPayMock mock = MixPayMock.builder().build().start();
    long t1 = System.nanoTime();
    mock.stop();
    long t2 = System.nanoTime();
    return new long[] {t1 - t0, t2 - t1, t2 - t0};
  }

  private static long[] startStopWireMock() {
    long t0 = System.nanoTime();
    WireMockServer server = new WireMockServer(options().port(0).bindAddress("127.0.0.1")
        .jettyAcceptors(1).templatingEnabled(false).disableOptimizeXmlFactoriesLoading(true)
        .gzipDisabled(true).http2PlainDisabled(true).extensionScanningEnabled(false));
    server.start();
    long t1 = System.nanoTime();
    server.stop();
    long t2 = System.nanoTime();
    return new long[] {t1 - t0, t2 - t1, t2 - t0};
  }

  private static double median(List<long[]> samples, int index) {
    List<Long> values = new ArrayList<>();
    samples.forEach(s -> values.add(s[index]));
    Collections.sort(values);
    int n = values.size();
    return (n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2.0)
        / 1e6;
  }

  /** Runs the suite; returns its wall time in ms. A failed check fails the benchmark. */
  private static double suite(String callbackUrl, ExecutorService pool) throws Exception {
    long t0 = System.nanoTime();
    if (pool == null) {
      for (int i = 0; i < TESTS; i++) {
        oneTest(callbackUrl, i);
      }
    } else {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < TESTS; i++) {
        int n = i;
        done.add(pool.submit(() -> {
          oneTest(callbackUrl, n);
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    }
    return (System.nanoTime() - t0) / 1e6;
  }

  private static void oneTest(String callbackUrl, int n) throws Exception {
    try (MixPayMock mock = MixPayMock.builder().seed(n).allowPlainHttpCallbacks(true)
        .clock(Clock.fixed(T0, ZoneOffset.UTC)).build().start()) {
      String body = "payeeId=a0d7791408776b47eb1dd3f94ed15d6a&quoteAmount=" + (n + 1)
          + "&quoteAssetId=usd&settlementAssetId=c6d0c728-2624-429b-8e0d-d9d19b6592fa"
          + "&orderId=order-bench&callbackUrl=" + callbackUrl;
      HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(
              URI.create(mock.baseUrl() + "/v1/one_time_payment"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      check(created.statusCode() == 200, created.body());
      String code = mock.payments().get(0).code();
      mock.payInFull(code);
      mock.clock().advance(Duration.ofSeconds(60));
      List<CallbackAttempt> attempts = mock.awaitCallbacks(Duration.ofSeconds(10));
      check(attempts.size() == 4, "four attempts: " + attempts);
      check(mock.payments().size() == 1, "one payment");
    }
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException("check failed: " + what);
    }
  }

  /** A callback endpoint that always says "busy", so every attempt of the schedule runs. */
  private static HttpServer shop() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.createContext("/callback", exchange -> {
      exchange.getRequestBody().readAllBytes();
      byte[] busy = "busy".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(500, busy.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(busy);
      }
    });
    server.setExecutor(Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "shop");
      t.setDaemon(true);
      return t;
    }));
    server.start();
    return server;
  }
}
