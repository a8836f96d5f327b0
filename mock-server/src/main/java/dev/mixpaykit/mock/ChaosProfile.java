package dev.mixpaykit.mock;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Failures the mock mixes into its answers, in MixPay's ways, to test retry logic: a fraction of
 * requests to MixPay's API get a 500 envelope with code {@code -1}, a 503 with {@code 10008}
 * (maintenance), a 429 with {@code 1429} and a {@code Retry-After} header, or are processed (the
 * payment is created) and then have their connection reset; and answers can be late by a
 * latency drawn from a log-normal distribution.
 *
 * <p>Which request meets what is decided from the mock's seed and the request's identifiers
 * (its {@code payeeId}+{@code orderId} or {@code traceId}, and how often they were seen): the
 * same seed and the same requests give the same failures, however other tests interleave.
 * Idempotency holds: a failure answered before processing created nothing, and a retry of a
 * reset create finds the payment it created.
 *
 * <pre>{@code
 * MixPayMock.builder().seed(42).chaos(ChaosProfile.failing(0.3)).build();
 * ChaosProfile.builder().serverErrors(0.1).resetsAfterCreate(0.1)
 *     .latency(Duration.ofMillis(20), Duration.ofMillis(200)).build();
 * }</pre>
 *
 * <p>Test controls ({@code failNext} and friends) take precedence over chaos for the request
 * they match. Immutable.
 */
public final class ChaosProfile {

  private static final ChaosProfile NONE = builder().build();

  private final double serverErrors;
  private final double maintenance;
  private final double rateLimited;
  private final double resetsAfterCreate;
  private final Duration retryAfter;
  private final Duration latencyMedian;
  private final Duration latencyP99;

  private ChaosProfile(Builder b) {
    this.serverErrors = b.serverErrors;
    this.maintenance = b.maintenance;
    this.rateLimited = b.rateLimited;
    this.resetsAfterCreate = b.resetsAfterCreate;
    this.retryAfter = b.retryAfter;
    this.latencyMedian = b.latencyMedian;
    this.latencyP99 = b.latencyP99;
  }

  /** No chaos: every answer as MixPay's happy path would give it (the default). */
  public static ChaosProfile none() {
    return NONE;
  }

  /**
   * {@code fraction} of requests fail, split evenly between the four failures (500 {@code -1},
   * 503 {@code 10008}, 1429 with {@code Retry-After: 1}, reset after creating); no latency.
   */
  public static ChaosProfile failing(double fraction) {
    double each = fraction / 4;
    return builder().serverErrors(each).maintenance(each).rateLimited(each)
        .resetsAfterCreate(each).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the command line's and the admin API's form: a fraction ({@code 0.2}, as
   * {@link #failing}) or {@code key=value} pairs separated by commas: {@code serverErrors},
   * {@code maintenance}, {@code rateLimited}, {@code resetsAfterCreate} (fractions),
   * {@code retryAfterSeconds}, {@code latencyMedianMs}, {@code latencyP99Ms}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static ChaosProfile parse(String text) {
    String spec = Objects.requireNonNull(text, "text").trim();
    if (!spec.contains("=")) {
      return failing(fraction("chaos", spec));
    }
    Builder b = builder();
    long medianMs = 0;
    long p99Ms = 0;
    for (String pair : spec.split(",")) {
      int eq = pair.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("chaos: expected key=value, got '" + pair.trim() + "'");
      }
      String key = pair.substring(0, eq).trim();
      String value = pair.substring(eq + 1).trim();
      switch (key) {
        case "serverErrors" -> b.serverErrors(fraction(key, value));
        case "maintenance" -> b.maintenance(fraction(key, value));
        case "rateLimited" -> b.rateLimited(fraction(key, value));
        case "resetsAfterCreate" -> b.resetsAfterCreate(fraction(key, value));
        case "retryAfterSeconds" -> b.retryAfter(Duration.ofSeconds(whole(key, value)));
        case "latencyMedianMs" -> medianMs = whole(key, value);
        case "latencyP99Ms" -> p99Ms = whole(key, value);
        default -> throw new IllegalArgumentException("chaos: unknown key '" + key
            + "' (serverErrors, maintenance, rateLimited, resetsAfterCreate, retryAfterSeconds,"
            + " latencyMedianMs, latencyP99Ms)");
      }
    }
    if (medianMs > 0 || p99Ms > 0) {
      b.latency(Duration.ofMillis(medianMs), Duration.ofMillis(p99Ms == 0 ? medianMs : p99Ms));
    }
    return b.build();
  }

  /** The {@link #parse} form of this profile, as the admin API shows it. */
  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("serverErrors", serverErrors);
    m.put("maintenance", maintenance);
    m.put("rateLimited", rateLimited);
    m.put("resetsAfterCreate", resetsAfterCreate);
    m.put("retryAfterSeconds", retryAfter.getSeconds());
    m.put("latencyMedianMs", latencyMedian.toMillis());
    m.put("latencyP99Ms", latencyP99.toMillis());
    return m;
  }

  /** Fraction of requests answered 500 with code {@code -1}. */
  public double serverErrors() {
    return serverErrors;
  }

  /** Fraction answered 503 with code {@code 10008}. */
  public double maintenance() {
    return maintenance;
  }

  /** Fraction answered 429 with code {@code 1429} and {@link #retryAfter()}. */
  public double rateLimited() {
    return rateLimited;
  }

  /** Fraction processed (a create creates) and then answered with a connection reset. */
  public double resetsAfterCreate() {
    return resetsAfterCreate;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  /** Median extra latency of every answer; zero for none. */
  public Duration latencyMedian() {
    return latencyMedian;
  }

  /** 99th percentile of the extra latency. */
  public Duration latencyP99() {
    return latencyP99;
  }

  /** True when it changes nothing. */
  public boolean isNone() {
    return serverErrors + maintenance + rateLimited + resetsAfterCreate == 0
        && latencyMedian.isZero();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChaosProfile p && asMap().equals(p.asMap());
  }

  @Override
  public int hashCode() {
    return asMap().hashCode();
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    asMap().forEach((k, v) -> s.append(s.length() == 0 ? "" : ",").append(k).append('=')
        .append(v));
    return s.toString();
  }

  private static double fraction(String key, String value) {
    try {
      return check(key, Double.parseDouble(value));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("chaos: " + key + " must be a fraction from 0 to 1, got '"
          + value + "'");
    }
  }

  private static double check(String key, double fraction) {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("chaos: " + key + " must be a fraction from 0 to 1, got "
          + fraction);
    }
    return fraction;
  }

  private static long whole(String key, String value) {
    if (!value.matches("[0-9]{1,7}")) {
      throw new IllegalArgumentException("chaos: " + key + " must be a whole number from 0 to"
          + " 9999999, got '" + value + "'");
    }
    return Long.parseLong(value);
  }

  /** A profile; every fraction defaults to 0, {@code retryAfter} to 1 s, no latency. */
  public static final class Builder {
    private double serverErrors;
    private double maintenance;
    private double rateLimited;
    private double resetsAfterCreate;
    private Duration retryAfter = Duration.ofSeconds(1);
    private Duration latencyMedian = Duration.ZERO;
    private Duration latencyP99 = Duration.ZERO;

    private Builder() {}

    public Builder serverErrors(double fraction) {
      this.serverErrors = check("serverErrors", fraction);
      return this;
    }

    public Builder maintenance(double fraction) {
      this.maintenance = check("maintenance", fraction);
      return this;
    }

    public Builder rateLimited(double fraction) {
      this.rateLimited = check("rateLimited", fraction);
      return this;
    }

    public Builder resetsAfterCreate(double fraction) {
      this.resetsAfterCreate = check("resetsAfterCreate", fraction);
      return this;
    }

    /** The {@code Retry-After} of a chaos 1429, whole seconds; default 1 s. */
    public Builder retryAfter(Duration retryAfter) {
      if (retryAfter.isNegative()) {
        throw new IllegalArgumentException("chaos: retryAfter must not be negative");
      }
      this.retryAfter = Duration.ofSeconds(retryAfter.getSeconds());
      return this;
    }

    /**
     * Every answer is late by a log-normal draw with this median and 99th percentile (capped
     * at ten times the 99th percentile); {@code Duration.ZERO} for none.
     */
    public Builder latency(Duration median, Duration p99) {
      if (median.isNegative() || p99.compareTo(median) < 0) {
        throw new IllegalArgumentException("chaos: latency needs 0 <= median <= p99");
      }
      this.latencyMedian = median;
      this.latencyP99 = p99;
      return this;
    }

    public ChaosProfile build() {
      double sum = serverErrors + maintenance + rateLimited + resetsAfterCreate;
      if (sum > 1 + 1e-9) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "chaos: the fractions add up to %.3f, more than 1", sum));
      }
      return new ChaosProfile(this);
    }
  }
}
