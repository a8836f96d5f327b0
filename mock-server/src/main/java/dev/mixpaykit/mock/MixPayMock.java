package dev.mixpaykit.mock;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.mixpaykit.mock.internal.BoundedJournal;
import dev.mixpaykit.mock.internal.CallbackSender;
import dev.mixpaykit.mock.internal.ControlApi;
import dev.mixpaykit.mock.internal.DeferredResponder;
import dev.mixpaykit.mock.internal.Envelopes;
import dev.mixpaykit.mock.internal.ErrorStyle;
import dev.mixpaykit.mock.internal.MockState;
import dev.mixpaykit.mock.internal.PaymentStore;
import dev.mixpaykit.mock.internal.RateLimiter;
import dev.mixpaykit.mock.internal.RawBodyServerFactory;
import dev.mixpaykit.mock.internal.RequestRules;
import dev.mixpaykit.mock.internal.Responder;
import dev.mixpaykit.mock.internal.SpecModel;
import dev.mixpaykit.mock.internal.TestControls;
import dev.mixpaykit.openapi.MixPayOpenApi;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A local stand-in for {@code https://api.mixpay.me}, driven by the MixPay OpenAPI description.
 *
 * <p>Every request to a route of the spec is validated against it; valid requests get the
 * answer MixPay would give (a fresh {@code timestampMs}, {@code data.code} equal to the
 * {@code traceId} or a new UUID, idempotent repeats), invalid ones a MixPay error envelope
 * naming each broken rule, under the spec's HTTP-status mapping.
 *
 * <pre>{@code
 * try (MixPayMock mock = MixPayMock.builder().build().start()) {
 *   String baseUrl = mock.baseUrl();          // e.g. http://127.0.0.1:53122
 *   mock.failNext(RequestMatch.any(), 10008); // the next request meets maintenance
 *   // ... point your MixPay client at baseUrl ...
 *   assertEquals(1, mock.payments().size());
 * }
 * }</pre>
 *
 * <p>Thread-safe. Built on WireMock; {@link #wireMock()} is there for anything this class
 * does not cover.
 */
public final class MixPayMock implements AutoCloseable {

  private final Builder options;
  private final MockState state;
  private final CompletableFuture<Responder> engine;
  private final WireMockServer server;

  private MixPayMock(Builder options) {
    this.options = options;
    CompletableFuture<CallbackSender> callbacks = new CompletableFuture<>();
    TestControls controls = new TestControls(new RateLimiter(options.clock));
    ErrorStyle errorStyle = new ErrorStyle(options.http200Errors);
    PaymentStore payments = new PaymentStore(options.clock, options.codes, options.maxPayments,
        (payment, event) -> callbacks.join().onEvent(payment, event));
    // Reading the spec and bootstrapping the schema validator take most of start-up; they run
    // on their own thread while WireMock and Jetty start on this one.
    this.engine = CompletableFuture.supplyAsync(() -> {
      SpecModel spec = SpecModel.load(options.specLocation);
      RequestRules rules = new RequestRules(spec, options.clock, options.maxExpirySeconds,
          options.allowPlainHttpCallbacks);
      rules.warmUp(spec);
      callbacks.complete(new CallbackSender(spec.callbackSchedule().retrySeconds(),
          spec.callbackSchedule().timeoutSeconds(), options.callbackTimeScale,
          options.allowPlainHttpCallbacks, options.clock));
      return new Responder(spec, rules, new Envelopes(spec.catalogue(), errorStyle,
          options.clock), payments, controls, options.maxBodyBytes);
    }, runnable -> {
      Thread t = new Thread(runnable, "mixpay-mock-spec-loader");
      t.setDaemon(true);
      t.start();
    });
    // A spec that cannot be loaded fails start(); nothing may wait for callbacks forever.
    engine.whenComplete((responder, failure) -> {
      if (failure != null) {
        callbacks.completeExceptionally(failure);
      }
    });
    this.state = new MockState(payments, controls, errorStyle, callbacks, engine);
    WireMockConfiguration config = options()
        .port(options.port)
        .bindAddress(options.bindAddress)
        .notifier(new ConsoleNotifier(options.verbose))
        // WireMock formats every request and answer for the notifier even when it prints
        // nothing: about 8 % of the mock's time under load (see BENCHMARKS.md).
        .stubRequestLoggingDisabled(!options.verbose)
        .jettyAcceptors(1)
        .templatingEnabled(false)
        // WireMock loads every XML factory at start-up unless told not to; the mock reads none.
        .disableOptimizeXmlFactoriesLoading(true)
        .gzipDisabled(true)
        .http2PlainDisabled(true)
        .extensionScanningEnabled(false)
        .httpServerFactory(new RawBodyServerFactory(engine))
        .extensions(new DeferredResponder(engine), new ControlApi(state));
    this.server = new WireMockServer(config.withStores(
        new BoundedJournal(config.filesRoot(), options.journalSize)));
  }

  /** Options with their defaults: a free port on 127.0.0.1, the spec from the classpath. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts the server; returns this. */
  public MixPayMock start() {
    server.start();
    MockState.addCatchAllStub(server);
    try {
      engine.join();
    } catch (CompletionException e) {
      server.stop();
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
    }
    return this;
  }

  /** Stops the server. Safe to call twice. */
  public void stop() {
    if (server.isRunning()) {
      server.stop();
    }
    state.shutdown();
  }

  @Override
  public void close() {
    stop();
  }

  public boolean isRunning() {
    return server.isRunning();
  }

  /** The port the server listens on. */
  public int port() {
    return server.port();
  }

  /** {@code http://host:port}, the value to use instead of {@code https://api.mixpay.me}. */
  public String baseUrl() {
    String host = options.bindAddress.equals("0.0.0.0") ? "127.0.0.1" : options.bindAddress;
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
  }

  /** Forgets payments, test controls, stubs added through {@link #wireMock()} and the journal. */
  public void reset() {
    state.reset(server);
  }

  /** The next matching request gets this catalogued error; nothing is created. */
  public void failNext(RequestMatch match, int errorCode) {
    addRule(match, new TestControls.Fail(errorCode));
  }

  /** The next matching request is processed and answered after {@code delay}. */
  public void delayNext(RequestMatch match, Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative");
    }
    addRule(match, new TestControls.Delay(delay));
  }

  /**
   * The next matching request is processed (a payment is created) and its connection is then
   * reset instead of answered: what a client sees when the network fails after MixPay acted.
   */
  public void dropNext(RequestMatch match) {
    addRule(match, new TestControls.Drop());
  }

  /** From now on, more than {@code requestsPerMinute} requests a minute get 1429. */
  public void rateLimit(int requestsPerMinute) {
    state.controls().rateLimiter().on(requestsPerMinute);
  }

  /** Switches the rate limit off (the default). */
  public void noRateLimit() {
    state.controls().rateLimiter().off();
  }

  /** The payer's transaction is seen and awaits confirmation: the payment is {@code pending}. */
  public CreatedPayment markPending(String code) {
    return state.payments().pending(code);
  }

  /** The payer pays the full price: the payment succeeds and its callback goes out. */
  public CreatedPayment payInFull(String code) {
    return state.payments().pay(code, null);
  }

  /**
   * The payer pays {@code amount} (quote units). Less than the price leaves it
   * {@code paid_less} until the rest is paid or the deadline fails it with 40024.
   */
  public CreatedPayment pay(String code, BigDecimal amount) {
    if (amount == null || amount.signum() <= 0) {
      throw new IllegalArgumentException("amount must be positive");
    }
    return state.payments().pay(code, amount);
  }

  /** The payment fails, e.g. {@code fail(code, Failure.CANCELLED)}. */
  public CreatedPayment fail(String code, Failure failure) {
    return state.payments().fail(code, Objects.requireNonNull(failure, "failure"));
  }

  /** The payment's deadline passes now: it fails with 40000 (or 40024 if underpaid). */
  public CreatedPayment expire(String code) {
    return state.payments().expire(code);
  }

  /** Every callback delivery so far, in order. */
  public List<CallbackAttempt> callbacks() {
    return state.callbacks().attempts();
  }

  /** Requests received, oldest first, from the journal (the last {@code journalSize}). */
  public List<ReceivedRequest> requests() {
    List<ReceivedRequest> out = new ArrayList<>();
    for (ServeEvent e : server.getAllServeEvents()) {
      out.add(received(e.getRequest()));
    }
    Collections.reverse(out);
    return List.copyOf(out);
  }

  private static ReceivedRequest received(LoggedRequest r) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    if (r.getHeaders() != null) {
      for (HttpHeader h : r.getHeaders().all()) {
        headers.put(h.key(), List.copyOf(h.values()));
      }
    }
    byte[] body = r.getBody();
    return new ReceivedRequest(r.getMethod().getName(), r.getUrl(), headers,
        body == null ? "" : new String(body, StandardCharsets.UTF_8),
        r.getLoggedDate() == null ? null : r.getLoggedDate().toInstant());
  }

  /** Payments held now, oldest first (at most {@code maxPayments}). */
  public List<CreatedPayment> payments() {
    return state.payments().payments();
  }

  /**
   * True while error envelopes go out under HTTP 200 instead of the spec's 4xx/5xx mapping
   * (see {@link Builder#http200Errors(boolean)}).
   */
  public boolean http200Errors() {
    return state.errorStyle().http200();
  }

  /** Switches between HTTP 200 for every error envelope and the spec's mapping, at once. */
  public void http200Errors(boolean on) {
    state.errorStyle().http200(on);
  }

  /** The WireMock server underneath. */
  public WireMockServer wireMock() {
    return server;
  }

  private void addRule(RequestMatch match, TestControls.Action action) {
    Objects.requireNonNull(match, "match");
    state.controls().add(new TestControls.Rule(match.payeeId, match.orderId, action));
  }

  /** Options for a {@link MixPayMock}; every setter documents its default. */
  public static final class Builder {
    private int port = 0;
    private String bindAddress = "127.0.0.1";
    // The JSON twin of the YAML: same document, and JSON parses in a fraction of the time.
    private String specLocation = MixPayOpenApi.json().toString();
    private Clock clock = Clock.systemUTC();
    private long maxExpirySeconds = 0;
    private int maxBodyBytes = 64 * 1024;
    private int journalSize = 10_000;
    private boolean verbose = false;
    private double callbackTimeScale = 1.0;
    private boolean allowPlainHttpCallbacks = false;
    private boolean http200Errors = false;
    private int maxPayments = 10_000;
    // The one source of payment codes (issue: seeded runs will swap it).
    private Supplier<String> codes = () -> java.util.UUID.randomUUID().toString();

    private Builder() {}

    /** Port to listen on; default 0, a free port chosen at start. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535");
      }
      this.port = port;
      return this;
    }

    /** Address to bind; default {@code 127.0.0.1}, so nothing outside this machine reaches it. */
    public Builder bindAddress(String bindAddress) {
      this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
      return this;
    }

    /** A spec file instead of the one in the {@code mixpay-openapi} jar. */
    public Builder spec(Path specFile) {
      this.specLocation = specFile.toAbsolutePath().toUri().toString();
      return this;
    }

    /** Clock for {@code timestampMs} and the {@code expiredTimestamp} window; default UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Upper bound of the {@code expiredTimestamp} window; default the spec's (240 minutes).
     * MixPay widened it to 2880 minutes in May 2023: {@code Duration.ofMinutes(2880)}.
     */
    public Builder maxExpiry(Duration maxExpiry) {
      if (maxExpiry.getSeconds() < 11) {
        throw new IllegalArgumentException("maxExpiry must be more than 10 seconds");
      }
      this.maxExpirySeconds = maxExpiry.getSeconds();
      return this;
    }

    /** Larger bodies are refused with 1017; default 65536 bytes. */
    public Builder maxBodyBytes(int maxBodyBytes) {
      if (maxBodyBytes < 1) {
        throw new IllegalArgumentException("maxBodyBytes must be positive");
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /** Requests kept in the journal; default 10000, the oldest dropped first. */
    public Builder journalSize(int journalSize) {
      if (journalSize < 1) {
        throw new IllegalArgumentException("journalSize must be positive");
      }
      this.journalSize = journalSize;
      return this;
    }

    /** Log every request to the console; default false. */
    public Builder verbose(boolean verbose) {
      this.verbose = verbose;
      return this;
    }

    /**
     * Multiplies MixPay's callback retry schedule (0 s, 15 s, 15 s, 30 s, 180 s, 1800 s ...)
     * and its 20 s timeout; default 1.0. {@code 0.001} turns half an hour into 1.8 s.
     */
    public Builder callbackTimeScale(double callbackTimeScale) {
      if (!(callbackTimeScale > 0)) {
        throw new IllegalArgumentException("callbackTimeScale must be positive");
      }
      this.callbackTimeScale = callbackTimeScale;
      return this;
    }

    /**
     * Accept {@code http://} callback URLs (and send callbacks to them), for endpoints in local
     * tests; default false, as MixPay refuses them with 10061.
     */
    public Builder allowPlainHttpCallbacks(boolean allow) {
      this.allowPlainHttpCallbacks = allow;
      return this;
    }

    /**
     * Answer every error envelope under HTTP 200 instead of the spec's mapping (400, 404, 409,
     * 429, 500, 503); default false. Some MixPay deployments answer errors this way, and clients
     * must decide by the envelope's {@code success} and {@code code}: this tests that they do.
     * Also switchable at run time ({@link MixPayMock#http200Errors(boolean)}, or
     * {@code PUT /__admin/mixpay/error-style {"http200":true}}).
     */
    public Builder http200Errors(boolean http200Errors) {
      this.http200Errors = http200Errors;
      return this;
    }

    /**
     * The most payments the mock holds; default 10000. When it is full, a new payment makes
     * room by forgetting the payment that finished (succeeded or failed) longest ago; when
     * none has finished, the new payment is refused with a -1 envelope that says so. An
     * unfinished payment is never forgotten.
     */
    public Builder maxPayments(int maxPayments) {
      if (maxPayments < 1) {
        throw new IllegalArgumentException("maxPayments must be positive");
      }
      this.maxPayments = maxPayments;
      return this;
    }

    /** A mock with these options, not yet started. */
    public MixPayMock build() {
      return new MixPayMock(this);
    }
  }
}
