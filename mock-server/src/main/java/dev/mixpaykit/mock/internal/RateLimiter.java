package dev.mixpaykit.mock.internal;

import java.time.Clock;

/**
 * MixPay's limit of N requests a minute, as a fixed window that opens with the first request.
 * Off until a test switches it on.
 */
public final class RateLimiter {

  /** The state after counting one request. */
  public record Decision(boolean allowed, int limit, int remaining, long retryAfterSeconds) {}

  private static final long WINDOW_MS = 60_000;

  private final Clock clock;
  private int limit; // 0 = off
  private long windowStart;
  private int used;

  public RateLimiter(Clock clock) {
    this.clock = clock;
  }

  public synchronized void on(int requestsPerMinute) {
    if (requestsPerMinute < 1) {
      throw new IllegalArgumentException("requestsPerMinute must be at least 1");
    }
    limit = requestsPerMinute;
    used = 0;
    windowStart = clock.millis();
  }

  public synchronized void off() {
    limit = 0;
    used = 0;
  }

  /** Counts one request; null when the limit is off. */
  public synchronized Decision acquire() {
    if (limit == 0) {
      return null;
    }
    long now = clock.millis();
    if (now - windowStart >= WINDOW_MS) {
      windowStart = now;
      used = 0;
    }
    long retryAfter = Math.max(1, (windowStart + WINDOW_MS - now + 999) / 1000);
    if (used >= limit) {
      return new Decision(false, limit, 0, retryAfter);
    }
    used++;
    return new Decision(true, limit, limit - used, retryAfter);
  }
}
