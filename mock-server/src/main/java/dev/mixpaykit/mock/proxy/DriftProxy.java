package dev.mixpaykit.mock.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.mixpaykit.mock.internal.ErrorCatalogue;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The mock as a validating proxy: every request goes to the upstream unchanged, its answer
 * comes back unchanged, and both are checked against the spec on a thread of their own, off
 * the client's path. Built by {@code MixPayMock} when it is given {@code proxyTo(URI)}; not
 * meant to be used on its own.
 */
public final class DriftProxy {

  /** The WireMock transformer name of the forwarding stub. */
  public static final String NAME = "mixpay-drift-proxy";

  /** Request headers worth keeping in a recording; never cookies or credentials. */
  private static final Set<String> REQUEST_HEADERS = Set.of("content-type", "accept");
  /** Answer headers worth keeping in a recording and checking against the spec. */
  private static final Set<String> ANSWER_HEADERS = Set.of("content-type", "content-encoding",
      "retry-after", "location", "x-ratelimit-limit", "x-ratelimit-remaining");

  private final ProxyOptions options;
  private final Upstream upstream;
  private final Clock clock;
  private final Instant since;
  private final Findings findings;
  private final CompletableFuture<Checker> checker;
  private final ThreadPoolExecutor checking;
  private final Recordings recordings;
  private volatile boolean stopped;

  /** What needs the spec: loaded on a thread of its own while the server starts. */
  private record Checker(ProxySpec spec, ExchangeCheck check) {}

  private DriftProxy(URI upstream, ProxyOptions options, String specLocation, Clock clock) {
    this.options = options.copy();
    this.upstream = new Upstream(this.options.checkedUpstream(upstream),
        this.options.upstreamTimeout());
    this.clock = clock;
    this.since = clock.instant();
    this.findings = new Findings(clock, this.options.reportsValues());
    this.recordings = this.options.recordDir() == null ? null
        : new Recordings(this.options.recordDir());
    this.checker = CompletableFuture.supplyAsync(() -> checker(specLocation), r -> {
      Thread t = new Thread(r, "mixpay-drift-spec-loader");
      t.setDaemon(true);
      t.start();
    });
    // One checker thread keeps exchanges in order (idempotency needs it). When it falls
    // behind by a full queue, the forwarding threads wait: memory stays bounded.
    this.checking = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(4096), r -> {
          Thread t = new Thread(r, "mixpay-drift-check");
          t.setDaemon(true);
          return t;
        }, (task, pool) -> {
          try {
            pool.getQueue().put(task);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }

  /**
   * A proxy to {@code upstream} (refused unless HTTPS, or plain HTTP allowed by the options),
   * checking against the spec at {@code specLocation}.
   */
  public static DriftProxy create(URI upstream, ProxyOptions options, String specLocation,
      Clock clock) {
    return new DriftProxy(upstream, options, specLocation, clock);
  }

  private Checker checker(String specLocation) {
    ProxySpec spec = ProxySpec.load(specLocation);
    ExchangeCheck check = new ExchangeCheck(spec, new RequestCheck(spec), findings,
        options.strictErrorStatusOn());
    return new Checker(spec, check);
  }

  /** The WireMock extensions: the forwarding transformer and the drift admin API. */
  public List<Extension> extensions() {
    return List.of(new Forwarding(), new DriftAdminApi(this));
  }

  /** Waits until the spec is loaded; throws what stopped it. */
  public void awaitReady() {
    try {
      checker.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
    }
  }

  /** The upstream, without a trailing slash. */
  public URI upstream() {
    return upstream.base();
  }

  /** Whether drift fails the run. */
  public boolean failsOnDrift() {
    return options.failsOnDrift();
  }

  /** The findings so far, after every exchange answered until now has been checked. */
  public DriftReport report() {
    drain();
    return findings.snapshot(upstream.base().toString(), title(), since);
  }

  /** Forgets the findings so far. */
  public void clear() {
    drain();
    findings.clear();
  }

  /** Writes the configured report files now; returns them (none when none is configured). */
  public List<Path> writeReports() {
    return write(report(), options);
  }

  /** Checks what is still queued and writes the configured reports. Safe to call twice. */
  public DriftReport stop() {
    DriftReport report = report();
    if (!stopped) {
      stopped = true;
      write(report, options);
      checking.shutdown();
    }
    return report;
  }

  /**
   * Checks recorded exchanges (from {@link ProxyOptions#record}) against the spec without the
   * upstream, and writes the configured report files.
   */
  public static DriftReport replay(Path recordings, ProxyOptions options, String specLocation,
      Clock clock) {
    ProxyOptions o = options.copy();
    ProxySpec spec = ProxySpec.load(specLocation);
    Findings findings = new Findings(clock, o.reportsValues());
    ExchangeCheck check = new ExchangeCheck(spec, new RequestCheck(spec), findings,
        o.strictErrorStatusOn());
    Instant since = clock.instant();
    for (Exchange e : Recordings.read(recordings)) {
      check.check(e);
    }
    DriftReport report = findings.snapshot("replay of " + recordings, spec.title(), since);
    write(report, o);
    return report;
  }

  private static List<Path> write(DriftReport report, ProxyOptions options) {
    List<Path> written = new ArrayList<>(2);
    if (options.driftReportFile() != null) {
      DriftReport.write(options.driftReportFile(), report.toJson());
      written.add(options.driftReportFile());
    }
    if (options.driftJUnitFile() != null) {
      DriftReport.write(options.driftJUnitFile(), report.toJUnitXml());
      written.add(options.driftJUnitFile());
    }
    return written;
  }

  private String title() {
    return checker.isDone() && !checker.isCompletedExceptionally()
        ? checker.join().spec().title() : "spec";
  }

  private void drain() {
    if (checking.isShutdown()) {
      return;
    }
    try {
      checking.submit(() -> { }).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Forwards one request and queues its check; always answers, never throws. */
  ResponseDefinition forward(Request request) {
    Instant at = clock.instant();
    long started = System.nanoTime();
    String method = request.getMethod().getName().toUpperCase(Locale.ROOT);
    String target = request.getUrl();
    byte[] body = request.getBody() == null ? new byte[0] : request.getBody();
    List<Map.Entry<String, List<String>>> headers = new ArrayList<>();
    Map<String, String> kept = new LinkedHashMap<>();
    for (HttpHeader h : request.getHeaders().all()) {
      headers.add(Map.entry(h.key(), h.values()));
      String name = h.key().toLowerCase(Locale.ROOT);
      if (REQUEST_HEADERS.contains(name)) {
        kept.put(name, h.firstValue());
      }
    }
    Upstream.Sent sent = upstream.send(method, target, headers, body);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    ResponseDefinition answer;
    Map<String, String> answerKept = new LinkedHashMap<>();
    if (sent.failure() == null) {
      List<HttpHeader> out = new ArrayList<>(sent.headers().size());
      for (Map.Entry<String, List<String>> h : sent.headers()) {
        out.add(new HttpHeader(h.getKey(), h.getValue()));
        String name = h.getKey().toLowerCase(Locale.ROOT);
        if (ANSWER_HEADERS.contains(name) && !h.getValue().isEmpty()) {
          answerKept.put(name, h.getValue().get(0));
        }
      }
      answer = ResponseDefinitionBuilder.responseDefinition().withStatus(sent.status())
          .withHeaders(new HttpHeaders(out)).withBody(sent.body()).build();
    } else {
      answer = serverError(sent.failure());
    }
    byte[] answerBody = Upstream.decoded(sent.body(), answerKept.remove("content-encoding"));
    Exchange exchange = new Exchange(at, millis, method, target, kept, body, sent.status(),
        answerKept, answerBody, sent.failure());
    checking.execute(() -> check(exchange));
    return answer;
  }

  private void check(Exchange exchange) {
    Checker c = checker.join();
    try {
      c.check().check(exchange);
    } catch (RuntimeException e) {
      // A fault in the checker must not pass as a clean report.
      findings.add(exchange.method() + " " + exchange.path(), Finding.Side.ANSWER, "",
          "checker", "a completed check", "failed (" + e.getClass().getSimpleName() + ")", null,
          exchange.at());
    } finally {
      if (recordings != null) {
        var route = c.check().route(exchange);
        recordings.write(exchange, route == null ? null : route.operationId());
      }
    }
  }

  /** MixPay's own {@code -1} envelope, for an exchange the upstream did not complete. */
  private ResponseDefinition serverError(String why) {
    ErrorCatalogue.Entry entry = checker.join().spec().catalogue()
        .get(ErrorCatalogue.SERVER_ERROR);
    ObjectNode envelope = DriftReport.JSON.createObjectNode()
        .put("code", ErrorCatalogue.SERVER_ERROR).put("success", false)
        .put("message", entry.message() + " (proxy: the upstream gave " + why + ")");
    envelope.putArray("data");
    envelope.put("timestampMs", clock.millis());
    return ResponseDefinitionBuilder.responseDefinition().withStatus(entry.httpStatus())
        .withHeader("Content-Type", "application/json").withBody(envelope.toString()).build();
  }

  private final class Forwarding implements ResponseDefinitionTransformerV2 {
    @Override
    public String getName() {
      return NAME;
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
      try {
        checker.join();
        return forward(serveEvent.getRequest());
      } catch (RuntimeException e) {
        // A fault in the proxy still answers like MixPay's server error, never a stack trace.
        return serverError("nothing: the proxy failed (" + e.getClass().getSimpleName() + ")");
      }
    }
  }
}
