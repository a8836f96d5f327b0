package dev.mixpaykit.sdk;

import java.time.Duration;

/**
 * When the client sends a request again: after a connection failure or timeout, an HTTP 5xx,
 * or a rate limit (HTTP 429 or code 1429), and only for a request MixPay can recognise as a
 * repeat (it has an {@code orderId} or a {@code traceId}), so a retry never creates a second
 * payment. Waits grow exponentially with full jitter; a {@code Retry-After} from MixPay (in
 * seconds or as an HTTP date) is honoured when it fits the time budget, which bounds the whole
 * call: attempts, waits and the last attempt's timeout.
 *
 * <pre>{@code
 * RetryPolicy.defaults()                      // 3 attempts, 200 ms .. 5 s, within 30 s
 * RetryPolicy.builder().maxAttempts(5).build()
 * RetryPolicy.none()                          // one attempt
 * }</pre>
 */
public final class RetryPolicy {

  private static final RetryPolicy DEFAULTS = builder().build();
  private static final RetryPolicy NONE = builder().maxAttempts(1).build();

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration maxElapsed;

  private RetryPolicy(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.maxElapsed = b.maxElapsed;
  }

  /** 3 attempts, backoff from 200 ms up to 5 s, all attempts within 30 s. */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /** A single attempt. */
  public static RetryPolicy none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Attempts in all, the first included. */
  public int maxAttempts() {
    return maxAttempts;
  }

  public Duration initialBackoff() {
    return initialBackoff;
  }

  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** The whole call, every attempt and wait included, ends within this. */
  public Duration maxElapsed() {
    return maxElapsed;
  }

  /**
   * The wait before attempt {@code attempt + 1}: a uniformly random duration between zero and
   * {@code min(maxBackoff, initialBackoff * 2^(attempt-1))} ("full jitter").
   *
   * @param random a value in [0, 1)
   */
  public Duration backoff(int attempt, double random) {
    long cap = maxBackoff.toMillis();
    long exp = initialBackoff.toMillis() << Math.min(attempt - 1, 30);
    long ceiling = exp <= 0 ? cap : Math.min(cap, exp);
    return Duration.ofMillis((long) (ceiling * random));
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff
        + ", maxBackoff=" + maxBackoff + ", maxElapsed=" + maxElapsed + "}";
  }

  /** Builds a {@link RetryPolicy}; each setter documents its default. */
  public static final class Builder {
    private int maxAttempts = 3;
    private Duration initialBackoff = Duration.ofMillis(200);
    private Duration maxBackoff = Duration.ofSeconds(5);
    private Duration maxElapsed = Duration.ofSeconds(30);

    private Builder() {}

    /** Attempts in all, 1 or more; default 3. */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1");
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** The first wait's upper bound; default 200 ms. */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = Checks.positive(initialBackoff, "initialBackoff");
      return this;
    }

    /** No wait is longer; default 5 s. */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = Checks.positive(maxBackoff, "maxBackoff");
      return this;
    }

    /** The whole call's time budget, attempts and waits included; default 30 s. */
    public Builder maxElapsed(Duration maxElapsed) {
      this.maxElapsed = Checks.positive(maxElapsed, "maxElapsed");
      return this;
    }

    public RetryPolicy build() {
      return new RetryPolicy(this);
    }
  }
}
