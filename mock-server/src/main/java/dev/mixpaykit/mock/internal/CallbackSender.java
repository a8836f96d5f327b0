package dev.mixpaykit.mock.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mixpaykit.mock.CallbackAttempt;
import dev.mixpaykit.mock.CreatedPayment;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends MixPay's payment callback when a payment turns final: a JSON POST of its identifiers to
 * its {@code callbackUrl}, repeated on MixPay's schedule (from the spec's
 * {@code x-mixpay-retry-seconds}, optionally sped up for tests) until the endpoint answers HTTP
 * 200 with {@code {"code":"SUCCESS"}}. Redirects are never followed; plain-HTTP targets are
 * refused unless allowed for local tests. Every attempt is recorded.
 */
public final class CallbackSender {

  private static final int MAX_ANSWER = 1000;

  private final List<Long> retrySeconds;
  private final long timeoutSeconds;
  private final double timeScale;
  private final boolean allowPlainHttp;
  // The mock's clock: attempts run on it, so a test that moves it walks the schedule.
  private final Timeline clock;
  // Created on the first callback: most mocks never send one, and start-up is measured.
  private HttpClient http;
  private final List<CallbackAttempt> attempts = new ArrayList<>();
  // Bumped by clear(): deliveries scheduled before a reset are dropped.
  private final AtomicLong generation = new AtomicLong();

  public CallbackSender(List<Long> retrySeconds, long timeoutSeconds, double timeScale,
      boolean allowPlainHttp, Timeline clock) {
    this.retrySeconds = List.copyOf(retrySeconds);
    this.timeoutSeconds = timeoutSeconds;
    this.timeScale = timeScale;
    this.allowPlainHttp = allowPlainHttp;
    this.clock = clock;
  }

  /**
   * Starts delivering the callback for a state change: always for {@code success} and
   * {@code fail}, and for the others when the request's {@code callbackEvent} names them.
   */
  public void onEvent(CreatedPayment payment, String event) {
    String url = payment.parameters().get("callbackUrl");
    if (url == null || retrySeconds.isEmpty() || !subscribed(payment, event)) {
      return;
    }
    schedule(payment, event, URI.create(url), 1, generation.get());
  }

  private static boolean subscribed(CreatedPayment payment, String event) {
    if (event.equals("success") || event.equals("fail")) {
      return true;
    }
    String events = payment.parameters().get("callbackEvent");
    return events != null && java.util.Arrays.asList(events.split("[|,]")).contains(event);
  }

  private synchronized HttpClient http() {
    if (http == null) {
      http = HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
    }
    return http;
  }

  /** Attempt n goes out MixPay's n-th delay after the previous one ended (the event for n=1). */
  private void schedule(CreatedPayment payment, String event, URI url, int attempt, long gen) {
    long delayMs = (long) (retrySeconds.get(attempt - 1) * 1000 * timeScale);
    clock.schedule(clock.millis() + delayMs, () -> deliver(payment, event, url, attempt, gen));
  }

  private void deliver(CreatedPayment payment, String event, URI url, int attempt, long gen) {
    if (gen != generation.get()) {
      return;
    }
    if ("http".equalsIgnoreCase(url.getScheme()) && !allowPlainHttp) {
      record(new CallbackAttempt(payment.code(), event, url, attempt, clock.instant(), 0, null,
          "refused: callbacks go to HTTPS URLs only", false), gen);
      return;
    }
    ObjectNode body = RequestBody.MAPPER.createObjectNode();
    body.put("orderId", payment.orderId());
    body.put("traceId", payment.code());
    body.put("payeeId", payment.payeeId());
    // Never below 2 s however far the schedule is sped up: on a loaded test machine a shorter
    // timeout turns a slow but correct answer into a failed attempt.
    long timeoutMs = Math.max(2000, (long) (timeoutSeconds * 1000 * timeScale));
    CallbackAttempt result;
    try {
      HttpResponse<String> answer = http().send(HttpRequest.newBuilder(url)
              .timeout(Duration.ofMillis(timeoutMs))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
          HttpResponse.BodyHandlers.ofString());
      String text = answer.body() == null ? "" : answer.body();
      result = new CallbackAttempt(payment.code(), event, url, attempt, clock.instant(),
          answer.statusCode(), text.length() > MAX_ANSWER ? text.substring(0, MAX_ANSWER) : text,
          null, answer.statusCode() == 200 && saysSuccess(text));
    } catch (IOException e) {
      result = new CallbackAttempt(payment.code(), event, url, attempt, clock.instant(), 0, null,
          e.toString(), false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    record(result, gen);
    if (!result.accepted() && attempt < retrySeconds.size() && gen == generation.get()) {
      schedule(payment, event, url, attempt + 1, gen);
    }
  }

  private static boolean saysSuccess(String text) {
    try {
      JsonNode node = RequestBody.MAPPER.readTree(text);
      return node != null && "SUCCESS".equals(node.path("code").asText(null));
    } catch (IOException e) {
      return false;
    }
  }

  /** Records an attempt unless a reset happened while it was under way. */
  private synchronized void record(CallbackAttempt attempt, long gen) {
    if (gen == generation.get()) {
      attempts.add(attempt);
    }
  }

  public synchronized List<CallbackAttempt> attempts() {
    return List.copyOf(attempts);
  }

  public synchronized void clear() {
    generation.incrementAndGet();
    attempts.clear();
  }

  /** Sends nothing more; the mock's timeline, which runs the attempts, stops with the mock. */
  public void shutdown() {
    generation.incrementAndGet();
  }
}
