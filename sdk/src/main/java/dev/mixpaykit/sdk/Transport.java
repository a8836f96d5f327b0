package dev.mixpaykit.sdk;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a built request, retrying under a {@link RetryPolicy}, and logs each attempt at debug
 * (method, path, status, duration, attempt; never a field value).
 *
 * <p>A retry is only safe when MixPay will recognise the repeat, so callers say whether the
 * request is idempotent; the same bytes go out on every attempt.
 */
final class Transport {

  private static final Logger LOG = LoggerFactory.getLogger(MixPayClient.class);

  private final HttpClient http;
  private final RetryPolicy retry;
  private final Executor delayExecutor;

  Transport(HttpClient http, RetryPolicy retry, Executor executor) {
    this.http = http;
    this.retry = retry;
    this.delayExecutor = executor;
  }

  <T> T send(HttpRequest request, boolean idempotent, Function<HttpResponse<String>, T> decode) {
    long start = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      long attemptStart = System.nanoTime();
      MixPayException failure;
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        logAnswer(request, response, attempt, attemptStart);
        return decode.apply(response);
      } catch (MixPayException e) {
        failure = e;
      } catch (IOException e) {
        failure = transportFailure(request, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new MixPayTransportException("interrupted while waiting for MixPay", 0, null, e);
      }
      Duration wait = nextWait(failure, attempt, idempotent, start);
      if (wait == null) {
        throw failure;
      }
      logRetry(request, attempt, failure, wait);
      try {
        Thread.sleep(wait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure;
      }
    }
  }

  <T> CompletableFuture<T> sendAsync(HttpRequest request, boolean idempotent,
      Function<HttpResponse<String>, T> decode) {
    CompletableFuture<T> result = new CompletableFuture<>();
    attemptAsync(request, idempotent, decode, 1, System.nanoTime(), result);
    return result;
  }

  private <T> void attemptAsync(HttpRequest request, boolean idempotent,
      Function<HttpResponse<String>, T> decode, int attempt, long start,
      CompletableFuture<T> result) {
    long attemptStart = System.nanoTime();
    http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, err) -> {
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
        if (!(cause instanceof IOException io)) {
          result.completeExceptionally(cause);
          return;
        }
        failure = transportFailure(request, io);
      }
      Duration wait = nextWait(failure, attempt, idempotent, start);
      if (wait == null) {
        result.completeExceptionally(failure);
        return;
      }
      logRetry(request, attempt, failure, wait);
      CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS, delayExecutor)
          .execute(() -> attemptAsync(request, idempotent, decode, attempt + 1, start, result));
    });
  }

  /** The wait before the next attempt, or null when this failure is final. */
  private Duration nextWait(MixPayException failure, int attempt, boolean idempotent,
      long start) {
    if (!idempotent || attempt >= retry.maxAttempts() || !retryable(failure)) {
      return null;
    }
    Duration wait = failure instanceof MixPayRateLimitException limited
        && limited.retryAfter().isPresent()
        ? limited.retryAfter().get()
        : retry.backoff(attempt, ThreadLocalRandom.current().nextDouble());
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    return elapsed.plus(wait).compareTo(retry.maxElapsed()) > 0 ? null : wait;
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

  private static MixPayException transportFailure(HttpRequest request, IOException e) {
    if (e instanceof HttpTimeoutException) {
      return new MixPayTimeoutException("no answer from " + request.uri().getHost() + " within "
          + request.timeout().map(Duration::toString).orElse("the timeout"), e);
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
}
