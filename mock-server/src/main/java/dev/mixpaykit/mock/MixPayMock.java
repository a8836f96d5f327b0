package dev.mixpaykit.mock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.mixpaykit.mock.internal.BoundedJournal;
import dev.mixpaykit.mock.internal.CallbackSender;
import dev.mixpaykit.mock.internal.Chaos;
import dev.mixpaykit.mock.internal.ClockAndChaosApi;
import dev.mixpaykit.mock.internal.ControlApi;
import dev.mixpaykit.mock.internal.DeferredResponder;
import dev.mixpaykit.mock.internal.Envelopes;
import dev.mixpaykit.mock.internal.ErrorStyle;
import dev.mixpaykit.mock.internal.ExpiryAlarm;
import dev.mixpaykit.mock.internal.MockState;
import dev.mixpaykit.mock.internal.PaymentStore;
import dev.mixpaykit.mock.internal.QuietLogging;
import dev.mixpaykit.mock.internal.RateLimiter;
import dev.mixpaykit.mock.internal.RawBodyServerFactory;
import dev.mixpaykit.mock.internal.RequestRules;
import dev.mixpaykit.mock.internal.Responder;
import dev.mixpaykit.mock.internal.SeededCodes;
import dev.mixpaykit.mock.internal.SpecModel;
import dev.mixpaykit.mock.internal.TestControls;
import dev.mixpaykit.mock.proxy.DriftProxy;
import dev.mixpaykit.mock.proxy.DriftReport;
import dev.mixpaykit.mock.proxy.ProxyOptions;
import dev.mixpaykit.mock.internal.Timeline;
import dev.mixpaykit.openapi.MixPayOpenApi;
import java.math.BigDecimal;
import java.net.URI;
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
import java.util.concurrent.ThreadLocalRandom;

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

  // Ends the 1017 of a 2022-style request (isTemp, no identifier) sent to another contract.
  private static final String OLDER_CONTRACT_HINT = "this request looks like MixPay's 2022"
      + " contract: start the mock with --contract 2022 (in Java: contract(Contract.V2022))";

  private final Builder options;
  private final MockState state;
  private final CompletableFuture<Responder> engine;
  private final WireMockServer server;
  private final DriftProxy proxy;
  // Every time the mock reads, and every action due at a time, go through this one clock.
  private final Timeline timeline;
  private final MockClock clock;
  private final long seed;
  private final Chaos chaos;

  private MixPayMock(Builder options) {
    if (!options.verbose) {
      QuietLogging.apply(); // before Jetty's classes make their loggers
    }
    this.options = options;
    this.proxy = options.proxyTo == null ? null : DriftProxy.create(options.proxyTo,
        options.proxyOptions, options.specLocation, options.clock);
    this.timeline = new Timeline(options.clock);
    this.clock = new MockClock(timeline);
    this.seed = options.seed != null ? options.seed : ThreadLocalRandom.current().nextLong();
    SeededCodes codes = new SeededCodes(seed);
    this.chaos = new Chaos(options.chaos, seed);
    CompletableFuture<CallbackSender> callbacks = new CompletableFuture<>();
    TestControls controls = new TestControls(new RateLimiter(timeline), chaos);
    ErrorStyle errorStyle = new ErrorStyle(options.http200Errors);
    PaymentStore payments = new PaymentStore(timeline, codes, options.maxPayments,
        (payment, event) -> callbacks.join().onEvent(payment, event));
    ExpiryAlarm expiries = new ExpiryAlarm(timeline, payments);
    // Reading the spec and bootstrapping the schema validator take most of start-up; they run
    // on their own thread while WireMock and Jetty start on this one.
    this.engine = CompletableFuture.supplyAsync(() -> {
      SpecModel spec = SpecModel.load(options.specLocation);
      RequestRules rules = new RequestRules(spec, timeline, options.maxExpirySeconds,
          options.allowPlainHttpCallbacks, options.contract == MixPayOpenApi.Contract.V2022
              ? null : OLDER_CONTRACT_HINT);
      rules.warmUp(spec);
      callbacks.complete(new CallbackSender(spec.callbackSchedule().retrySeconds(),
          spec.callbackSchedule().timeoutSeconds(), options.callbackTimeScale,
          options.allowPlainHttpCallbacks, timeline));
      return new Responder(spec, rules, new Envelopes(spec.catalogue(), errorStyle,
          timeline), payments, controls);
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
    state.onReset(() -> {
      timeline.reset();
      expiries.clear();
      if (options.seed != null) {
        codes.restart(); // each test of a shared, seeded mock sees the same codes
      }
    });
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
        .httpServerFactory(new RawBodyServerFactory(engine, options.maxBodyBytes,
            new dev.mixpaykit.mock.internal.AdminAccessFilter(options.adminToken,
                options.bindAddress, options.allowedHosts, options.wiremockAdminExtras)))
        .extensions(withProxy(new DeferredResponder(engine), new ControlApi(state),
            new ClockAndChaosApi(timeline, chaos, seed)));
    this.server = new WireMockServer(config.withStores(
        new BoundedJournal(config.filesRoot(), options.journalSize, options.journalBytes)));
  }

  private com.github.tomakehurst.wiremock.extension.Extension[] withProxy(
      com.github.tomakehurst.wiremock.extension.Extension... own) {
    List<com.github.tomakehurst.wiremock.extension.Extension> all = new ArrayList<>(List.of(own));
    if (proxy != null) {
      all.addAll(proxy.extensions());
    }
    return all.toArray(com.github.tomakehurst.wiremock.extension.Extension[]::new);
  }

  /** As a proxy, every request goes upstream: a stub just above the responder's catch-all. */
  private void addProxyStub() {
    if (proxy != null) {
      server.stubFor(any(anyUrl()).atPriority(Integer.MAX_VALUE - 1)
          .willReturn(aResponse().withTransformers(DriftProxy.NAME)));
    }
  }

  /** Options with their defaults: a free port on 127.0.0.1, the spec from the classpath. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts the server; returns this. */
  public MixPayMock start() {
    server.start();
    MockState.addCatchAllStub(server);
    addProxyStub();
    try {
      engine.join();
      if (proxy != null) {
        proxy.awaitReady();
      }
    } catch (CompletionException e) {
      server.stop();
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
    } catch (RuntimeException e) {
      server.stop();
      throw e;
    }
    return this;
  }

  /** Stops the server (and, as a proxy, writes the drift reports). Safe to call twice. */
  public void stop() {
    if (server.isRunning()) {
      server.stop();
    }
    if (proxy != null) {
      proxy.stop();
    }
    state.shutdown();
    timeline.shutdown();
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

  /**
   * Forgets payments, test controls, stubs added through {@link #wireMock()} and the journal;
   * drops pending expiries and callback attempts; puts the {@link #clock()} back on its starting
   * clock and the {@link #chaos()} back to the builder's; with a {@link Builder#seed}, starts the
   * generated codes again from it.
   */
  public void reset() {
    state.reset(server);
    addProxyStub();
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

  /**
   * Every callback attempt decided so far, in the order of their mock time (the last 50,000).
   * An attempt under way is not listed until it is decided: after moving the {@link #clock()},
   * use {@link #awaitCallbacks(Duration)}.
   */
  public List<CallbackAttempt> callbacks() {
    return state.callbacks().attempts();
  }

  /**
   * Waits until every callback attempt due by the mock's current time has been decided
   * (answered, refused, or timed out after MixPay's 20 s, scaled by
   * {@link Builder#callbackTimeScale}), follow-ups that fall due meanwhile included, and returns
   * {@link #callbacks()}. Moving the clock only starts the attempts that fall due; this is how a
   * test waits for their outcomes instead of sleeping.
   *
   * <pre>{@code
   * mock.payInFull(code);
   * mock.clock().advance(Duration.ofHours(5));               // returns at once
   * assertThat(mock.awaitCallbacks(Duration.ofSeconds(5))).hasSize(10);
   * }</pre>
   *
   * @throws IllegalStateException when they are not all decided within {@code timeout}
   */
  public List<CallbackAttempt> awaitCallbacks(Duration timeout) {
    return state.callbacks().awaitSettled(Objects.requireNonNull(timeout, "timeout"));
  }

  /**
   * Requests received, oldest first, from the journal (the last {@code journalSize}, within
   * {@code journalBytes}; bodies cut to their first 4096 bytes).
   */
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

  /**
   * As a proxy ({@link Builder#proxyTo}): where the upstream and the spec disagreed so far.
   * {@link #reset()} keeps the findings; they belong to the whole run.
   *
   * @throws IllegalStateException when this mock is not a proxy
   */
  public DriftReport drift() {
    if (proxy == null) {
      throw new IllegalStateException("drift() needs a proxy: MixPayMock.builder().proxyTo(...)");
    }
    return proxy.report();
  }

  /** Whether this mock forwards to an upstream ({@link Builder#proxyTo}) instead of answering. */
  public boolean isProxy() {
    return proxy != null;
  }

  /** Whether drift found by this proxy should fail the run ({@link ProxyOptions#failOnDrift}). */
  boolean failsOnDrift() {
    return proxy != null && proxy.failsOnDrift();
  }

  /**
   * The mock's clock: freeze, set or advance it to walk expiries, the callback schedule and the
   * rate-limit window without waiting. Real time (or {@link Builder#clock}) by default.
   */
  public MockClock clock() {
    return clock;
  }

  /** The seed of every generated value: {@link Builder#seed}, or one drawn at build. */
  public long seed() {
    return seed;
  }

  /** The chaos now in force ({@link ChaosProfile#none()} by default). */
  public ChaosProfile chaos() {
    return chaos.profile();
  }

  /** Switches chaos on (or off, with {@link ChaosProfile#none()}) for the coming requests. */
  public void chaos(ChaosProfile profile) {
    chaos.profile(Objects.requireNonNull(profile, "profile"));
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
    // Null once spec(Path) replaced the published versions with a file.
    private MixPayOpenApi.Contract contract = MixPayOpenApi.Contract.CURRENT;
    private Clock clock = Clock.systemUTC();
    private long maxExpirySeconds = 0;
    private int maxBodyBytes = 64 * 1024;
    private int journalSize = 10_000;
    private long journalBytes = 32L * 1024 * 1024;
    private boolean verbose = false;
    private double callbackTimeScale = 1.0;
    private boolean allowPlainHttpCallbacks = false;
    private boolean http200Errors = false;
    private int maxPayments = 10_000;
    private Long seed;
    private ChaosProfile chaos = ChaosProfile.none();
    private String adminToken;
    private boolean adminOpen = false;
    private boolean wiremockAdminExtras = false;
    private final java.util.Set<String> allowedHosts = new java.util.LinkedHashSet<>();

    private URI proxyTo;
    private ProxyOptions proxyOptions;

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

    /**
     * A spec file instead of the one in the {@code mixpay-openapi} jar; replaces
     * {@link #contract(MixPayOpenApi.Contract)}.
     */
    public Builder spec(Path specFile) {
      this.specLocation = specFile.toAbsolutePath().toUri().toString();
      this.contract = null;
      return this;
    }

    /**
     * Which published version of MixPay's contract to serve; default
     * {@link MixPayOpenApi.Contract#CURRENT}. {@code Contract.V2022} (CLI {@code --contract 2022})
     * serves the February 2022 page as written: {@code isTemp} required, no {@code orderId} or
     * {@code traceId}, each request a new payment, and no {@code GET /v1/payments_result} (that
     * page has none; read payments with {@link MixPayMock#payments()} instead). Replaces
     * {@link #spec(Path)}.
     */
    public Builder contract(MixPayOpenApi.Contract contract) {
      this.contract = Objects.requireNonNull(contract, "contract");
      this.specLocation = MixPayOpenApi.json(contract).toString();
      return this;
    }

    /**
     * The clock the mock's {@link MixPayMock#clock()} starts from (and goes back to on
     * {@link MixPayMock#reset()}); default the system's UTC clock. {@code Clock.fixed(...)}
     * starts it frozen.
     */
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

    /**
     * Bytes the journal keeps at most (request bodies, headers and URLs, and a fixed cost an
     * entry); default 32 MiB, the oldest entries dropped first. Each body is kept to its first
     * 4096 bytes; a longer one's entry has an {@code X-MixPay-Mock-Journal-Body} header giving
     * its length.
     */
    public Builder journalBytes(long journalBytes) {
      if (journalBytes < 1) {
        throw new IllegalArgumentException("journalBytes must be positive");
      }
      this.journalBytes = journalBytes;
      return this;
    }

    /**
     * Log every request to the console, and leave Jetty's and WireMock's own logging as the
     * host configures it; default false: they print nothing below WARN unless a logging
     * configuration asks for it.
     */
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

    /**
     * Forward every request to {@code upstream} (e.g. {@code https://api.mixpay.me}) and
     * return its answers unchanged, checking both against the spec: see {@link #drift()}.
     * The mock's own answers and test controls are then not used. Default: no upstream.
     */
    public Builder proxyTo(URI upstream) {
      return proxyTo(upstream, ProxyOptions.defaults());
    }

    /** {@link #proxyTo(URI)} with options: timeout, report files, recording, strictness. */
    public Builder proxyTo(URI upstream, ProxyOptions options) {
      Objects.requireNonNull(options, "options").checkedUpstream(upstream);
      this.proxyTo = upstream;
      this.proxyOptions = options;
      return this;
    }

    /**
     * Makes every generated value the same in every run: payment codes (the n-th code after
     * start or {@link MixPayMock#reset()}) and chaos decisions. With a fixed {@link #clock},
     * timestamps too. Default: a seed drawn at build ({@link MixPayMock#seed()} tells it).
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Failures and latency mixed into the answers; default {@link ChaosProfile#none()}. */
    public Builder chaos(ChaosProfile chaos) {
      this.chaos = Objects.requireNonNull(chaos, "chaos");
      return this;
    }

    /**
     * The token every admin route ({@code /__admin/**}) requires as {@code Authorization: Bearer
     * TOKEN}; default none (admin open, allowed only on a loopback bind). The API stays open.
     */
    public Builder adminToken(String token) {
      if (token != null && token.isBlank()) {
        throw new IllegalArgumentException("adminToken must not be blank");
      }
      this.adminToken = token;
      return this;
    }

    /** Accept a non-loopback bind without an admin token (anyone reaching it drives it). */
    public Builder adminOpen(boolean adminOpen) {
      this.adminOpen = adminOpen;
      return this;
    }

    /**
     * Whether WireMock's recordings, {@code mappings/save} and {@code files} writes answer over
     * HTTP; default false (they send requests and write files where they are told).
     */
    public Builder wiremockAdminExtras(boolean enabled) {
      this.wiremockAdminExtras = enabled;
      return this;
    }

    /** A Host name the admin API answers to besides the bound address and localhost. */
    public Builder allowedHost(String host) {
      allowedHosts.add(Objects.requireNonNull(host, "host"));
      return this;
    }

    /**
     * A mock with these options, not yet started.
     *
     * @throws IllegalStateException bound beyond loopback with neither an admin token nor
     *     {@link #adminOpen(boolean)}
     */
    public MixPayMock build() {
      if (adminToken == null && !adminOpen && !isLoopback(bindAddress)) {
        throw new IllegalStateException("bound to " + bindAddress + " beyond loopback: set an"
            + " admin token (--admin-token) or accept an open admin API with --admin-open");
      }
      return new MixPayMock(this);
    }

    static boolean isLoopback(String address) {
      if (address.equals("localhost")) {
        return true;
      }
      try {
        return java.net.InetAddress.getByName(address).isLoopbackAddress();
      } catch (java.net.UnknownHostException e) {
        return false;
      }
    }
  }
}
