package dev.mixpaykit.mock.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mixpaykit.mock.ChaosProfile;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Decides, for each request to MixPay's API, whether the {@link ChaosProfile} fails it and how
 * late it answers. A decision is a pure function of the seed, the request's identifiers and how
 * many times they were seen before, so runs with one seed agree even when unrelated requests
 * interleave differently; a repeat of the same request gets a fresh draw, so retries get through.
 */
public final class Chaos {

  /** What to do to one request; {@code errorCode} 0 for none. */
  public record Decision(int errorCode, long retryAfterSeconds, boolean reset, long delayMs) {

    static final Decision NONE = new Decision(0, 0, false, 0);
  }

  // Identities remembered at most; past it the counts start again (only long chaos runs get here).
  private static final int MAX_KEYS = 100_000;
  // The 99th percentile of the standard normal distribution.
  private static final double Z99 = 2.3263478740408408;

  private final ChaosProfile initial;
  private final long seed;
  private volatile ChaosProfile profile;
  private final Map<String, Integer> seen = new HashMap<>();
  private long anonymous;

  public Chaos(ChaosProfile initial, long seed) {
    this.initial = initial;
    this.profile = initial;
    this.seed = seed;
  }

  public ChaosProfile profile() {
    return profile;
  }

  public void profile(ChaosProfile profile) {
    this.profile = profile;
  }

  /** Back to the configured profile, every count from zero. */
  public synchronized void reset() {
    profile = initial;
    seen.clear();
    anonymous = 0;
  }

  /** The decision for a request to {@code operation} with these fields. */
  public Decision decide(String operation, JsonNode fields) {
    ChaosProfile p = profile;
    if (p.isNone()) {
      return Decision.NONE;
    }
    SplittableRandom random = new SplittableRandom(mix(seed ^ mix(hash(operation + '\u0000'
        + identity(fields)) + count(identity(fields)))));
    double u = random.nextDouble();
    int code = 0;
    boolean reset = false;
    if ((u -= p.serverErrors()) < 0) {
      code = ErrorCatalogue.SERVER_ERROR;
    } else if ((u -= p.maintenance()) < 0) {
      code = 10008;
    } else if ((u -= p.rateLimited()) < 0) {
      code = ErrorCatalogue.RATE_LIMITED;
    } else if (u - p.resetsAfterCreate() < 0) {
      reset = true;
    }
    long delayMs = 0;
    if (!p.latencyMedian().isZero()) {
      double median = p.latencyMedian().toMillis();
      double sigma = Math.log(Math.max(p.latencyP99().toMillis(), median) / median) / Z99;
      // Box-Muller: one standard normal draw from two uniform ones.
      double z = Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
          * Math.cos(2 * Math.PI * random.nextDouble());
      delayMs = (long) Math.min(median * Math.exp(sigma * z), 10.0 * p.latencyP99().toMillis());
    }
    return new Decision(code, p.retryAfter().getSeconds(), reset, delayMs);
  }

  /** The request's identifiers, as MixPay's idempotency sees them; empty when it has none. */
  private static String identity(JsonNode fields) {
    String trace = fields.path("traceId").asText("");
    String order = fields.path("orderId").asText("");
    return trace.isEmpty() && order.isEmpty() ? ""
        : fields.path("payeeId").asText("") + '\u0000' + order + '\u0000' + trace;
  }

  private synchronized long count(String identity) {
    if (identity.isEmpty()) {
      return anonymous++;
    }
    if (seen.size() >= MAX_KEYS) {
      seen.clear();
    }
    return seen.merge(identity, 1, Integer::sum) - 1;
  }

  /** FNV-1a over UTF-8: the same on every JVM, unlike identity hashes. */
  private static long hash(String text) {
    long h = 0xcbf29ce484222325L;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** SplitMix64's finaliser: neighbouring inputs give unrelated outputs. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
