package dev.mixpaykit.sdk;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mixpaykit.sdk.internal.generated.api.OneTimePaymentApi;
import dev.mixpaykit.sdk.internal.generated.api.PaymentResultApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A client for MixPay's one-time payment API. Immutable and thread-safe: build one and share
 * it.
 *
 * <pre>{@code
 * MixPayClient mixpay = MixPayClient.builder().build(); // https://api.mixpay.me
 *
 * OneTimePayment payment = mixpay.createOneTimePayment(OneTimePaymentRequest.builder()
 *     .payeeId("a0d7791408776b47eb1dd3f94ed15d6a")
 *     .quoteAmount(new BigDecimal("10"))
 *     .quoteAssetId("usd")
 *     .settlementAssetId(UUID.fromString("c6d0c728-2624-429b-8e0d-d9d19b6592fa"))
 *     .orderId("order-20230105-0042")
 *     .build());
 *
 * URI payHere = payment.checkoutUrl(); // https://mixpay.me/code/...
 * }</pre>
 *
 * <p>Every request is checked against the spec before it is sent
 * ({@link MixPayValidationException} lists every broken rule). MixPay's refusals arrive as
 * {@link MixPayApiException} subclasses carrying its code; failures to get an answer as
 * {@link MixPayTransportException}. Requests with an {@code orderId} or {@code traceId} are
 * retried under the {@link RetryPolicy}, since MixPay recognises the repeat. Callbacks are
 * verified by {@link PaymentVerifier}.
 */
public final class MixPayClient {

  /** MixPay's production API. */
  public static final String DEFAULT_BASE_URL = "https://api.mixpay.me";

  private static final String USER_AGENT = "mixpaykit-java-sdk/"
      + Objects.requireNonNullElse(MixPayClient.class.getPackage().getImplementationVersion(),
          "dev");

  private final Builder config;
  private final Transport transport;
  private final RequestEncoder encoder;
  private final ResponseDecoder decoder;
  private final RequestValidator validator;

  private MixPayClient(Builder config) {
    this.config = config.copy();
    ObjectMapper mapper = objectMapper();
    // One HttpClient per MixPayClient (its selector thread lives as long as the client).
    HttpClient http = config.httpClient;
    if (http == null) {
      HttpClient.Builder httpBuilder = HttpClient.newBuilder()
          .connectTimeout(config.connectTimeout)
          .followRedirects(HttpClient.Redirect.NEVER);
      if (config.executor != null) {
        httpBuilder.executor(config.executor);
      }
      http = httpBuilder.build();
    }
    this.transport = new Transport(http, config.retryPolicy, config.requestTimeout,
        config.executor != null ? config.executor : ForkJoinPool.commonPool());
    String userAgent = config.userAgent == null ? USER_AGENT : config.userAgent + " " + USER_AGENT;
    this.encoder = new RequestEncoder(config.baseUrl, config.requestTimeout, userAgent,
        config.bodyEncoding, mapper);
    this.decoder = new ResponseDecoder(mapper);
    this.validator = new RequestValidator(config.maxExpiry.getSeconds(),
        config.allowPlainHttpCallbacks);
    RequestValidator.warmUp();
  }

  /** A builder with every default: see each setter. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this client's settings. */
  public Builder newBuilder() {
    return config.copy();
  }

  /**
   * Creates a one-time payment, or finds the one this orderId/traceId already created.
   *
   * @throws MixPayValidationException the request breaks the spec; nothing was sent
   * @throws MixPayApiException MixPay refused it (see {@link MixPayApiException#code()})
   * @throws MixPayTransportException no usable answer, after the retries the policy allows
   */
  public OneTimePayment createOneTimePayment(OneTimePaymentRequest request) {
    HttpRequest http = prepare(request);
    return transport.send(http, request.isIdempotent(), decoder::createdPayment);
  }

  /**
   * {@link #createOneTimePayment} without blocking. The future fails with the same exceptions,
   * a {@link MixPayValidationException} included.
   */
  public CompletableFuture<OneTimePayment> createOneTimePaymentAsync(
      OneTimePaymentRequest request) {
    Objects.requireNonNull(request, "request");
    return sendAsync(() -> prepare(request), request.isIdempotent(), decoder::createdPayment);
  }

  /**
   * The state of the payment with this traceId (for a one-time payment, its code). A GET: it is
   * retried under the policy like any idempotent request.
   *
   * @throws MixPayValidationException traceId is null; nothing was sent
   * @throws MixPayApiException 404 when MixPay knows no such payment
   */
  public PaymentResult getPaymentResult(UUID traceId) {
    return transport.send(resultRequest(traceId, null, null, true), true,
        decoder::paymentResult);
  }

  /**
   * The state of this payee's order.
   *
   * @throws MixPayValidationException payeeId or orderId is missing or breaks the spec's
   *     pattern (every such field is named); nothing was sent
   */
  public PaymentResult getPaymentResult(String payeeId, String orderId) {
    return transport.send(resultRequest(null, orderId, payeeId, false), true,
        decoder::paymentResult);
  }

  /** {@link #getPaymentResult(UUID)} without blocking; a validation failure fails the future. */
  public CompletableFuture<PaymentResult> getPaymentResultAsync(UUID traceId) {
    return sendAsync(() -> resultRequest(traceId, null, null, true), true,
        decoder::paymentResult);
  }

  /** {@link #getPaymentResult(String, String)} without blocking. */
  public CompletableFuture<PaymentResult> getPaymentResultAsync(String payeeId, String orderId) {
    return sendAsync(() -> resultRequest(null, orderId, payeeId, false), true,
        decoder::paymentResult);
  }

  /** Prepares the request, then sends it; a refusal to prepare fails the future, not the call. */
  private <T> CompletableFuture<T> sendAsync(Supplier<HttpRequest> prepare, boolean idempotent,
      Function<HttpResponse<String>, T> decode) {
    HttpRequest http;
    try {
      http = prepare.get();
    } catch (MixPayException e) {
      return CompletableFuture.failedFuture(e);
    }
    return transport.sendAsync(http, idempotent, decode);
  }

  /** Checks the identifiers by the spec's parameter rules, then encodes the query. */
  private HttpRequest resultRequest(UUID traceId, String orderId, String payeeId,
      boolean byTrace) {
    Map<String, Object> values = new HashMap<>();
    if (byTrace) {
      values.put("traceId", traceId);
    } else {
      values.put("orderId", orderId);
      values.put("payeeId", payeeId);
    }
    validator.checkQuery(PaymentResultApi.getPaymentResult, values);
    return encoder.query(PaymentResultApi.getPaymentResult, values);
  }

  /** Validates the generated model, then encodes it: the public request's only path to bytes. */
  HttpRequest prepare(OneTimePaymentRequest request) {
    Objects.requireNonNull(request, "request");
    var model = GeneratedModels.toModel(request);
    validator.check(model, config.clock.instant());
    return encoder.body(OneTimePaymentApi.createOneTimePayment, model);
  }

  static ObjectMapper objectMapper() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .serializationInclusion(JsonInclude.Include.NON_NULL) // unset fields are not sent
        .build();
  }

  /** Settings of a {@link MixPayClient}; each setter documents its default. */
  public static final class Builder {
    private String baseUrl = DEFAULT_BASE_URL;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private String userAgent;
    private BodyEncoding bodyEncoding = BodyEncoding.FORM;
    private HttpClient httpClient;
    private Executor executor;
    private Clock clock = Clock.systemUTC();
    private Duration maxExpiry = Duration.ofSeconds(RequestValidator.MAX_SECONDS_FROM_NOW);
    private boolean allowPlainHttpCallbacks;

    private Builder() {}

    /** Where MixPay is; default {@code https://api.mixpay.me}. A mock's base URL in tests. */
    public Builder baseUrl(String baseUrl) {
      URI uri = URI.create(Objects.requireNonNull(baseUrl, "baseUrl"));
      if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw new IllegalArgumentException("baseUrl must be an http(s) URL: " + baseUrl);
      }
      this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1)
          : baseUrl;
      return this;
    }

    /** Time to open a connection; default 10 s. Ignored with {@link #httpClient}. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = Checks.positive(connectTimeout, "connectTimeout");
      return this;
    }

    /**
     * Time for one attempt, from sending to the answer's last byte (a body that stalls half-way
     * ends in {@link MixPayTimeoutException}); default 30 s. The retry policy's
     * {@link RetryPolicy#maxElapsed()} bounds the whole call.
     */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = Checks.positive(requestTimeout, "requestTimeout");
      return this;
    }

    /** When to retry; default {@link RetryPolicy#defaults()}. */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /** Your product's name, sent before the SDK's in {@code User-Agent}; default none. */
    public Builder userAgent(String userAgent) {
      this.userAgent = userAgent;
      return this;
    }

    /** Form (default, as MixPay's examples) or JSON bodies. */
    public Builder bodyEncoding(BodyEncoding bodyEncoding) {
      this.bodyEncoding = Objects.requireNonNull(bodyEncoding, "bodyEncoding");
      return this;
    }

    /** Your own {@link HttpClient} (its timeouts and executor then apply); default a new one. */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = httpClient;
      return this;
    }

    /** Runs async callbacks and retry waits; default the HttpClient's and the common pool. */
    public Builder executor(Executor executor) {
      this.executor = executor;
      return this;
    }

    /** The clock {@code expiredTimestamp} is checked against; default UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Upper bound of the {@code expiredTimestamp} window; default the spec's 240 minutes.
     * MixPay widened it to 2880 minutes in May 2023.
     */
    public Builder maxExpiry(Duration maxExpiry) {
      this.maxExpiry = Checks.positive(maxExpiry, "maxExpiry");
      return this;
    }

    /**
     * Accept {@code http://} callback URLs, for a local endpoint in tests against the mock
     * (started with the same option); default false, since MixPay refuses them (10061).
     */
    public Builder allowPlainHttpCallbacks(boolean allow) {
      this.allowPlainHttpCallbacks = allow;
      return this;
    }

    public MixPayClient build() {
      return new MixPayClient(this);
    }

    Builder copy() {
      Builder b = new Builder();
      b.baseUrl = baseUrl;
      b.connectTimeout = connectTimeout;
      b.requestTimeout = requestTimeout;
      b.retryPolicy = retryPolicy;
      b.userAgent = userAgent;
      b.bodyEncoding = bodyEncoding;
      b.httpClient = httpClient;
      b.executor = executor;
      b.clock = clock;
      b.maxExpiry = maxExpiry;
      b.allowPlainHttpCallbacks = allowPlainHttpCallbacks;
      return b;
    }
  }
}
