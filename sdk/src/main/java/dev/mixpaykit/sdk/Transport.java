package dev.mixpaykit.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a built request, retrying under a {@link RetryPolicy}, and logs each attempt at debug
 * (method, path, status, duration, attempt; never a field value).
 *
 * <p>Each attempt is bounded by the request timeout from sending to the body's last byte, and
 * the whole call, waits included, by the policy's {@code maxElapsed}.
 *
 * <p>A retry is only safe when MixPay will recognise the repeat, so callers say whether the
 * request is idempotent; the same bytes go out on every attempt.
 */
final class Transport {

  private static final Logger LOG = LoggerFactory.getLogger(MixPayClient.class);

  /** Far above any MixPay envelope; a bigger answer is not read into memory. */
  static final int MAX_ANSWER_BYTES = 1024 * 1024;

  private final HttpClient http;
  private final RetryPolicy retry;
  private final Duration requestTimeout;
  private final Executor delayExecutor;

  Transport(HttpClient http, RetryPolicy retry, Duration requestTimeout, Executor executor) {
    this.http = http;
    this.retry = retry;
    this.requestTimeout = requestTimeout;
    this.delayExecutor = executor;
  }

  <T> T send(HttpRequest request, boolean idempotent, Function<HttpResponse<String>, T> decode) {
    long deadline = System.nanoTime() + retry.maxElapsed().toNanos();
    for (int attempt = 1; ; attempt++) {
      long attemptStart = System.nanoTime();
      long timeout = attemptTimeout(deadline, attemptStart);
      MixPayException failure;
      try {
        HttpResponse<String> response = attempt(request, attemptStart + timeout, timeout);
        logAnswer(request, response, attempt, attemptStart);
        return decode.apply(response);
      } catch (MixPayException e) {
        failure = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new MixPayTransportException("interrupted while waiting for MixPay", 0, null, e);
      }
      Duration wait = nextWait(failure, attempt, idempotent, deadline);
      if (wait == null) {
        throw failure;
      }
      logRetry(request, attempt, failure, wait);
      try {
        TimeUnit.NANOSECONDS.sleep(wait.toNanos());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure;
      }
    }
  }

  /**
   * One blocking attempt, bounded from sending to the body's last byte.
   *
   * <p>{@code HttpClient.send}, not {@code sendAsync().get()}: {@code sendAsync} hands every
   * answer to the JDK's default async pool, which on a two-core machine starts a thread per
   * task (about 0.3 ms a call, half of a loopback round trip). The request's own timeout bounds
   * the wait for the answer's head; a watchdog that closes the stream bounds its body.
   */
  private HttpResponse<String> attempt(HttpRequest request, long attemptDeadline,
      long timeoutNanos) throws InterruptedException {
    HttpRequest bounded = request.timeout().map(Duration::toNanos).orElse(Long.MAX_VALUE)
        <= timeoutNanos ? request
        : HttpRequest.newBuilder(request, (name, value) -> true)
            .timeout(Duration.ofNanos(timeoutNanos)).build();
    HttpResponse<InputStream> head;
    try {
      head = http.send(bounded, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw transportFailure(request, e, timeoutNanos);
    }
    InputStream in = head.body();
    AtomicBoolean expired = new AtomicBoolean();
    ScheduledFuture<?> watchdog = Watchdog.INSTANCE.schedule(() -> {
      expired.set(true);
      closeQuietly(in);
    }, Math.max(0, attemptDeadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    byte[] bytes;
    try (in) {
      bytes = in.readNBytes(MAX_ANSWER_BYTES + 1);
    } catch (IOException e) {
      throw expired.get() ? timedOut(request, timeoutNanos, e)
          : new MixPayTransportException("the answer from " + request.uri().getHost()
              + " broke off before its end (" + e + ")", head.statusCode(), null, e);
    } finally {
      watchdog.cancel(false);
    }
    if (bytes.length > MAX_ANSWER_BYTES) {
      throw tooLarge(request, head.statusCode());
    }
    return new Answer(head, new String(bytes, charset(head.headers())));
  }

  <T> CompletableFuture<T> sendAsync(HttpRequest request, boolean idempotent,
      Function<HttpResponse<String>, T> decode) {
    CompletableFuture<T> result = new CompletableFuture<>();
    attemptAsync(request, idempotent, decode, 1,
        System.nanoTime() + retry.maxElapsed().toNanos(), result);
    return result;
  }

  private <T> void attemptAsync(HttpRequest request, boolean idempotent,
      Function<HttpResponse<String>, T> decode, int attempt, long deadline,
      CompletableFuture<T> result) {
    long attemptStart = System.nanoTime();
    long timeout = attemptTimeout(deadline, attemptStart);
    CompletableFuture<HttpResponse<String>> pending =
        http.sendAsync(request, head -> new LimitedText(charset(head.headers())));
    pending.copy().orTimeout(timeout, TimeUnit.NANOSECONDS).whenComplete((response, err) -> {
      MixPayException failure;
      if (err == null) {
        logAnswer(request, response, attempt, attemptStart);
        try {
          result.complete(decode.apply(response));
          return;
        } catch (MixPayException e) {
          failure = e;
        } catch (RuntimeException e) {
          result.completeExceptionally(e);
          return;
        }
      } else {
        Throwable cause = err instanceof CompletionException && err.getCause() != null
            ? err.getCause() : err;
        if (cause instanceof TimeoutException t) {
          pending.cancel(true); // stops reading a stalled body
          failure = timedOut(request, timeout, t);
        } else if (cause instanceof TooLarge) {
          failure = tooLarge(request, 0);
        } else if (cause instanceof IOException io) {
          failure = transportFailure(request, io, timeout);
        } else {
          result.completeExceptionally(cause);
          return;
        }
      }
      Duration wait = nextWait(failure, attempt, idempotent, deadline);
      if (wait == null) {
        result.completeExceptionally(failure);
        return;
      }
      logRetry(request, attempt, failure, wait);
      CompletableFuture.delayedExecutor(wait.toNanos(), TimeUnit.NANOSECONDS, delayExecutor)
          .execute(() -> attemptAsync(request, idempotent, decode, attempt + 1, deadline, result));
    });
  }

  /** The request timeout, or less when the retry budget ends sooner (never below 1 ms). */
  private long attemptTimeout(long deadline, long now) {
    return Math.max(TimeUnit.MILLISECONDS.toNanos(1),
        Math.min(requestTimeout.toNanos(), deadline - now));
  }

  /** The wait before the next attempt, or null when this failure is final. */
  private Duration nextWait(MixPayException failure, int attempt, boolean idempotent,
      long deadline) {
    if (!idempotent || attempt >= retry.maxAttempts() || !retryable(failure)) {
      return null;
    }
    Duration wait = failure instanceof MixPayRateLimitException limited
        && limited.retryAfter().isPresent()
        ? limited.retryAfter().get()
        : retry.backoff(attempt, ThreadLocalRandom.current().nextDouble());
    // A next attempt must start, and have a moment to run, before the budget ends.
    long startsAt = System.nanoTime() + wait.toNanos();
    return deadline - startsAt < TimeUnit.MILLISECONDS.toNanos(1) ? null : wait;
  }

  /** Connection failures, timeouts, 5xx and rate limits may pass; a wrong request will not. */
  private static boolean retryable(MixPayException failure) {
    if (failure instanceof MixPayServerException || failure instanceof MixPayRateLimitException) {
      return true;
    }
    if (failure instanceof MixPayTransportException t) {
      int status = t.httpStatus().orElse(0);
      return status == 0 || status == 429 || status >= 500 || status / 100 == 2;
    }
    return false;
  }

  private static MixPayException timedOut(HttpRequest request, long timeoutNanos, Exception e) {
    return new MixPayTimeoutException("no answer from " + request.uri().getHost() + " within "
        + Duration.ofNanos(timeoutNanos).toMillis() + " ms", e);
  }

  private static MixPayException transportFailure(HttpRequest request, IOException e,
      long timeoutNanos) {
    if (e instanceof HttpTimeoutException) {
      return timedOut(request, timeoutNanos, e);
    }
    return new MixPayTransportException("cannot reach MixPay at " + request.uri().getHost()
        + ": " + e, 0, null, e);
  }

  private static void logAnswer(HttpRequest request, HttpResponse<?> response, int attempt,
      long attemptStart) {
    if (LOG.isDebugEnabled()) {
      LOG.debug("{} {} -> {} in {} ms (attempt {})", request.method(), request.uri().getPath(),
          response.statusCode(), (System.nanoTime() - attemptStart) / 1_000_000, attempt);
    }
  }

  private void logRetry(HttpRequest request, int attempt, MixPayException failure,
      Duration wait) {
    if (LOG.isDebugEnabled()) {
      LOG.debug("{} {} attempt {} of {} failed ({}); retrying in {} ms", request.method(),
          request.uri().getPath(), attempt, retry.maxAttempts(),
          failure.getClass().getSimpleName(), wait.toMillis());
    }
  }

  private static MixPayException tooLarge(HttpRequest request, int status) {
    return new MixPayTransportException("an answer from " + request.uri().getHost()
        + " larger than " + MAX_ANSWER_BYTES / 1024 + " KiB, which no MixPay envelope is",
        status, null, null);
  }

  /** The body's charset from its Content-Type, UTF-8 when absent or unknown (as ofString). */
  private static Charset charset(HttpHeaders headers) {
    String type = headers.firstValue("Content-Type").orElse("");
    for (String param : type.split(";")) {
      String p = param.trim();
      if (p.regionMatches(true, 0, "charset=", 0, 8)) {
        try {
          return Charset.forName(p.substring(8).replace("\"", "").trim());
        } catch (IllegalArgumentException e) {
          return StandardCharsets.UTF_8;
        }
      }
    }
    return StandardCharsets.UTF_8;
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // closing is the point; nothing to add
    }
  }

  /** An answer's head with its body read under the deadline. */
  private record Answer(HttpResponse<InputStream> head, String body)
      implements HttpResponse<String> {

    @Override
    public int statusCode() {
      return head.statusCode();
    }

    @Override
    public HttpRequest request() {
      return head.request();
    }

    @Override
    public Optional<HttpResponse<String>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public HttpHeaders headers() {
      return head.headers();
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return head.sslSession();
    }

    @Override
    public URI uri() {
      return head.uri();
    }

    @Override
    public HttpClient.Version version() {
      return head.version();
    }
  }

  /**
   * One daemon thread for every client in the JVM, started on first use: it only closes the
   * streams of answers whose deadline passed.
   */
  private static final class Watchdog {
    static final ScheduledThreadPoolExecutor INSTANCE = create();

    private static ScheduledThreadPoolExecutor create() {
      ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "mixpay-sdk-deadline-watchdog");
        t.setDaemon(true);
        return t;
      });
      executor.setRemoveOnCancelPolicy(true);
      return executor;
    }
  }

  /** The async path's body: text, as ofString reads it, but never more than the limit. */
  private static final class LimitedText implements HttpResponse.BodySubscriber<String> {
    private final HttpResponse.BodySubscriber<String> text;
    private final CompletableFuture<String> body = new CompletableFuture<>();
    private Flow.Subscription subscription;
    /** Bytes seen so far; once past the limit, nothing more is passed on. */
    private long received;

    LimitedText(Charset charset) {
      text = HttpResponse.BodySubscribers.ofString(charset);
      text.getBody().whenComplete((value, error) -> {
        if (error != null) {
          body.completeExceptionally(error);
        } else {
          body.complete(value);
        }
      });
    }

    @Override
    public CompletionStage<String> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      text.onSubscribe(s);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (received > MAX_ANSWER_BYTES) {
        return;
      }
      for (ByteBuffer b : items) {
        received += b.remaining();
      }
      if (received > MAX_ANSWER_BYTES) {
        subscription.cancel();
        body.completeExceptionally(new TooLarge());
        return;
      }
      text.onNext(items);
    }

    @Override
    public void onError(Throwable error) {
      text.onError(error);
    }

    @Override
    public void onComplete() {
      if (received <= MAX_ANSWER_BYTES) {
        text.onComplete();
      }
    }
  }

  /** The async path's signal that an answer passed {@link #MAX_ANSWER_BYTES}. */
  private static final class TooLarge extends IOException {
    TooLarge() {
      super("answer too large", null);
    }
  }
}
