package dev.mixpaykit.sdk;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
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
      // The request's own timeout stops at the headers; the future bounds the body too.
      CompletableFuture<HttpResponse<String>> pending =
          http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
      try {
        HttpResponse<String> response = pending.get(timeout, TimeUnit.NANOSECONDS);
        logAnswer(request, response, attempt, attemptStart);
        return decode.apply(response);
      } catch (MixPayException e) {
        failure = e;
      } catch (TimeoutException e) {
        pending.cancel(true);
        failure = timedOut(request, timeout, e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (!(cause instanceof IOException io)) {
          throw cause instanceof RuntimeException r ? r
              : new MixPayTransportException("unexpected failure: " + cause, 0, null, cause);
        }
        failure = transportFailure(request, io, timeout);
      } catch (InterruptedException e) {
        pending.cancel(true);
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
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
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
}
