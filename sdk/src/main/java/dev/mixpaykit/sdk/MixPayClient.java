package dev.mixpaykit.sdk;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.mixpaykit.sdk.internal.generated.ApiClient;
import dev.mixpaykit.sdk.internal.generated.ApiException;
import dev.mixpaykit.sdk.internal.generated.api.OneTimePaymentApi;
import dev.mixpaykit.sdk.internal.generated.api.PaymentResultApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

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
  private final OneTimePaymentApi api;
  private final PaymentResultApi resultApi;
  private final Transport transport;
  private final ResponseDecoder decoder;
  private final RequestValidator validator;
  private final Map<String, String> contentType;

  private MixPayClient(Builder config) {
    this.config = config.copy();
    ObjectMapper mapper = objectMapper();
    HttpClient.Builder httpBuilder = HttpClient.newBuilder()
        .connectTimeout(config.connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER);
    if (config.executor != null) {
      httpBuilder.executor(config.executor);
    }
    ApiClient generated = new ApiClient(httpBuilder, mapper, config.baseUrl);
    generated.setReadTimeout(config.requestTimeout);
    String userAgent = config.userAgent == null ? USER_AGENT : config.userAgent + " " + USER_AGENT;
    generated.setRequestInterceptor(request -> request.header("User-Agent", userAgent));
    this.api = new OneTimePaymentApi(generated);
    this.resultApi = new PaymentResultApi(generated);
    HttpClient http = config.httpClient != null ? config.httpClient : generated.getHttpClient();
    this.transport = new Transport(http, config.retryPolicy, config.requestTimeout,
        config.executor != null ? config.executor : ForkJoinPool.commonPool());
    this.decoder = new ResponseDecoder(mapper);
    this.validator = new RequestValidator(config.maxExpiry.getSeconds(),
        config.allowPlainHttpCallbacks);
    this.contentType = config.bodyEncoding == BodyEncoding.JSON
        ? Map.of("Content-Type", "application/json") : Map.of();
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
    HttpRequest http;
    try {
      http = prepare(request);
    } catch (MixPayException e) {
      return CompletableFuture.failedFuture(e);
    }
    return transport.sendAsync(http, request.isIdempotent(), decoder::createdPayment);
  }

  /**
   * The state of the payment with this traceId (for a one-time payment, its code). A GET: it is
   * retried under the policy like any idempotent request.
   *
   * @throws MixPayApiException 404 when MixPay knows no such payment
   */
  public PaymentResult getPaymentResult(UUID traceId) {
    Objects.requireNonNull(traceId, "traceId");
    return transport.send(resultRequest(traceId, null, null), true, decoder::paymentResult);
  }

  /** The state of this payee's order. */
  public PaymentResult getPaymentResult(String payeeId, String orderId) {
    return transport.send(resultRequest(null, Objects.requireNonNull(orderId, "orderId"),
        Objects.requireNonNull(payeeId, "payeeId")), true, decoder::paymentResult);
  }

  /** {@link #getPaymentResult(UUID)} without blocking. */
  public CompletableFuture<PaymentResult> getPaymentResultAsync(UUID traceId) {
    Objects.requireNonNull(traceId, "traceId");
    return transport.sendAsync(resultRequest(traceId, null, null), true, decoder::paymentResult);
  }

  /** {@link #getPaymentResult(String, String)} without blocking. */
  public CompletableFuture<PaymentResult> getPaymentResultAsync(String payeeId, String orderId) {
    return transport.sendAsync(resultRequest(null, Objects.requireNonNull(orderId, "orderId"),
        Objects.requireNonNull(payeeId, "payeeId")), true, decoder::paymentResult);
  }

  private HttpRequest resultRequest(UUID traceId, String orderId, String payeeId) {
    try {
      return resultApi.getPaymentResultRequestBuilder(traceId, orderId, payeeId, null, Map.of())
          .build();
    } catch (ApiException e) {
      throw new IllegalStateException("generated request builder refused a request", e);
    }
  }

  /** Validates, then lets the generated layer build the HTTP request. */
  HttpRequest prepare(OneTimePaymentRequest request) {
    Objects.requireNonNull(request, "request");
    var m = GeneratedModels.toModel(request);
    validator.check(m, config.clock.instant());
    try {
      return api.createOneTimePaymentRequestBuilder(m.getPayeeId(), m.getQuoteAmount(),
          m.getQuoteAssetId(), m.getSettlementAssetId(), m.getStrictMode(),
          m.getPaymentAssetId(), m.getRemark(), m.getExpireSeconds(), m.getIsTemp(),
          m.getTraceId(), m.getOrderId(), m.getSettlementMemo(), m.getReturnTo(),
          m.getFailedReturnTo(), m.getCallbackUrl(), m.getCallbackEvent(), m.getExpiredTimestamp(),
          contentType)
          .build();
    } catch (ApiException e) {
      // Validation has already refused what the generated layer would refuse.
      throw new IllegalStateException("generated request builder refused a valid request", e);
    }
  }

  /** The decoding step on its own, for the benchmark of the client's own cost. */
  OneTimePayment decodeCreated(java.net.http.HttpResponse<String> response) {
    return decoder.createdPayment(response);
  }

  static ObjectMapper objectMapper() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
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
