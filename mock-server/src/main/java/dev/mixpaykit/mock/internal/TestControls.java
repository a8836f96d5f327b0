package dev.mixpaykit.mock.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What tests asked the mock to do to coming requests: fail, delay or drop the next one that
 * matches, and the rate limit. Each rule is used once, in the order it was given.
 */
public final class TestControls {

  /** What to do to a matched request. */
  public sealed interface Action {}

  /** Answer this catalogued error instead of processing the request. */
  public record Fail(int errorCode) implements Action {}

  /** Process the request, and answer after this delay. */
  public record Delay(Duration delay) implements Action {}

  /** Process the request, then reset the connection instead of answering. */
  public record Drop() implements Action {}

  /** A rule: a null field matches anything. */
  public record Rule(String payeeId, String orderId, Action action) {

    boolean matches(JsonNode request) {
      return (payeeId == null || payeeId.equals(request.path("payeeId").asText(null)))
          && (orderId == null || orderId.equals(request.path("orderId").asText(null)));
    }
  }

  private final List<Rule> rules = new ArrayList<>();
  private final RateLimiter rateLimiter;
  private final Chaos chaos;

  public TestControls(RateLimiter rateLimiter) {
    this(rateLimiter, new Chaos(dev.mixpaykit.mock.ChaosProfile.none(), 0));
  }

  public TestControls(RateLimiter rateLimiter, Chaos chaos) {
    this.rateLimiter = rateLimiter;
    this.chaos = chaos;
  }

  public synchronized void add(Rule rule) {
    rules.add(rule);
  }

  /** Removes and returns the first rule matching {@code request}, or null. */
  public synchronized Rule take(JsonNode request) {
    for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
      Rule r = it.next();
      if (r.matches(request)) {
        it.remove();
        return r;
      }
    }
    return null;
  }

  public synchronized boolean hasRules() {
    return !rules.isEmpty();
  }

  public RateLimiter rateLimiter() {
    return rateLimiter;
  }

  public Chaos chaos() {
    return chaos;
  }

  public synchronized void clear() {
    rules.clear();
    rateLimiter.off();
    chaos.reset();
  }
}
