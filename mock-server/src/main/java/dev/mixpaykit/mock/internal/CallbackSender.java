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
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends MixPay's payment callback when a payment turns final: a JSON POST of its identifiers to
 * its {@code callbackUrl}, repeated on MixPay's schedule (from the spec's
 * {@code x-mixpay-retry-seconds}, optionally sped up for tests) until the endpoint answers HTTP
 * 200 with {@code {"code":"SUCCESS"}}. Redirects are never followed; plain-HTTP targets are
 * refused unless allowed for local tests. Every attempt is recorded.
 *
 * <p>Delivery never holds the clock and one endpoint never holds another's callbacks:
 * <ul>
 *   <li>The timeline only <em>starts</em> an attempt when its mock time comes; the HTTP exchange
 *       runs asynchronously on real time (its timeout is MixPay's 20 s, scaled). Its outcome is
 *       recorded against the attempt's own mock time, and the next attempt is due MixPay's delay
 *       after it, so an advance of five hours past a dead endpoint returns at once and the
 *       schedule catches up as each timeout passes.</li>
 *   <li>Attempts queue per endpoint (scheme, host, port): at most {@value #PER_ENDPOINT} in
 *       flight to one endpoint and {@value #IN_FLIGHT} in all, lanes served in turn, at most
 *       {@value #WAITING_PER_ENDPOINT} waiting for one endpoint (beyond that an attempt is
 *       recorded as failed, never dropped). Threads are bounded whatever the load: the HTTP
 *       client's selector, two completion threads and one deadline timer per mock.</li>
 *   <li>The log keeps the last {@value #LOG_SIZE} attempts, in the order of their mock time.</li>
 * </ul>
 */
public final class CallbackSender {

  /** Attempts in flight to one endpoint at once. */
  public static final int PER_ENDPOINT = 8;
  /** Attempts in flight at once, all endpoints together. */
  public static final int IN_FLIGHT = 256;
  /** Attempts that may wait for one endpoint. */
  public static final int WAITING_PER_ENDPOINT = 100_000;
  /** Attempts the log keeps; the oldest by mock time go first. */
  public static final int LOG_SIZE = 50_000;

  private static final int MAX_ANSWER = 1000;

  /** One attempt to deliver one callback. */
  private record Attempt(CreatedPayment payment, String event, URI url, int number, long dueMs,
      long generation, long seq) {
    String endpoint() {
      String scheme = String.valueOf(url.getScheme()).toLowerCase(Locale.ROOT);
      int port = url.getPort() >= 0 ? url.getPort() : scheme.equals("https") ? 443 : 80;
      return scheme + "://" + String.valueOf(url.getHost()).toLowerCase(Locale.ROOT) + ":" + port;
    }
  }

  /** The attempts waiting for, and in flight to, one endpoint. */
  private static final class Lane {
    final String endpoint;
    final ArrayDeque<Attempt> waiting = new ArrayDeque<>();
    int inFlight;
    boolean queued;

    Lane(String endpoint) {
      this.endpoint = endpoint;
    }
  }

  /** Orders the log by mock time, then by the order the attempts were made. */
  private record LogKey(long sentAtMs, long seq) implements Comparable<LogKey> {
    @Override
    public int compareTo(LogKey o) {
      return sentAtMs != o.sentAtMs ? Long.compare(sentAtMs, o.sentAtMs)
          : Long.compare(seq, o.seq);
    }
  }

  private final List<Long> retrySeconds;
  private final long timeoutSeconds;
  private final double timeScale;
  private final boolean allowPlainHttp;
  // The mock's clock: attempts are due on it, so a test that moves it walks the schedule.
  private final Timeline clock;

  private final Object lock = new Object();
  // Guarded by lock.
  private final Map<String, Lane> lanes = new HashMap<>();
  private final ArrayDeque<Lane> ready = new ArrayDeque<>();
  private int inFlight;
  private int waiting;
  // Due times of attempts handed to the timeline and not yet started, with their counts.
  private final TreeMap<Long, Integer> onClock = new TreeMap<>();
  private final TreeMap<LogKey, CallbackAttempt> log = new TreeMap<>();
  private final java.util.concurrent.atomic.AtomicLong attemptSeq =
      new java.util.concurrent.atomic.AtomicLong();
  // Bumped by clear() and shutdown(): attempts of an older generation are dropped.
  private long generation;
  private boolean stopped;

  // Created on the first callback: most mocks never send one, and start-up is measured.
  private HttpClient http;
  private ExecutorService completions;
  private ScheduledExecutorService deadlines;

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
    long gen;
    synchronized (lock) {
      gen = generation;
    }
    schedule(new Attempt(payment, event, URI.create(url), 1,
        clock.millis() + delayMs(1), gen, attemptSeq.getAndIncrement()));
  }

  private static boolean subscribed(CreatedPayment payment, String event) {
    if (event.equals("success") || event.equals("fail")) {
      return true;
    }
    String events = payment.parameters().get("callbackEvent");
    return events != null && java.util.Arrays.asList(events.split("[|,]")).contains(event);
  }

  /** MixPay's delay before attempt n (after the event for n = 1), scaled. */
  private long delayMs(int attempt) {
    return (long) (retrySeconds.get(attempt - 1) * 1000 * timeScale);
  }

  /** Hands the attempt to the timeline, to be started when its mock time comes. */
  private void schedule(Attempt a) {
    synchronized (lock) {
      if (!registerLocked(a)) {
        return;
      }
    }
    onTimeline(a);
  }

  /** Counts the attempt as waiting on the clock, in the same step that ended its predecessor. */
  private boolean registerLocked(Attempt a) {
    if (a.generation != generation || stopped) {
      return false;
    }
    onClock.merge(a.dueMs, 1, Integer::sum);
    return true;
  }

  private void onTimeline(Attempt a) {
    clock.schedule(a.dueMs, () -> enqueue(a));
  }

  /** Puts the attempt in its endpoint's lane and starts what there is room for; never blocks. */
  private void enqueue(Attempt a) {
    boolean overflow = false;
    synchronized (lock) {
      if (a.generation != generation) {
        return;
      }
      // Off the clock and into its lane in one step, so it is never counted as neither.
      onClock.computeIfPresent(a.dueMs, (k, n) -> n == 1 ? null : n - 1);
      lock.notifyAll();
      Lane lane = lanes.computeIfAbsent(a.endpoint(), Lane::new);
      if (lane.waiting.size() >= WAITING_PER_ENDPOINT) {
        overflow = true;
      } else {
        lane.waiting.add(a);
        waiting++;
        offerLocked(lane);
      }
    }
    if (overflow) {
      decided(a, failed(a, "refused: " + WAITING_PER_ENDPOINT
          + " callbacks already wait for " + a.endpoint()), false, false);
      return;
    }
    pump();
  }

  private void offerLocked(Lane lane) {
    if (!lane.queued && !lane.waiting.isEmpty() && lane.inFlight < PER_ENDPOINT) {
      lane.queued = true;
      ready.add(lane);
    }
  }

  // Set while this thread runs pump(): an attempt decided at once (refused before sending)
  // calls pump() again, and the loop below takes that call over instead of recursing.
  private final ThreadLocal<Boolean> pumping = ThreadLocal.withInitial(() -> false);

  /** Starts waiting attempts while there is room, one lane after another. */
  private void pump() {
    if (pumping.get()) {
      return;
    }
    pumping.set(true);
    try {
      while (true) {
        List<Attempt> start = new ArrayList<>();
        synchronized (lock) {
          while (inFlight < IN_FLIGHT && !ready.isEmpty()) {
            Lane lane = ready.poll();
            lane.queued = false;
            Attempt a = lane.waiting.poll();
            if (a == null) {
              continue;
            }
            waiting--;
            lane.inFlight++;
            inFlight++;
            start.add(a);
            offerLocked(lane);
          }
        }
        if (start.isEmpty()) {
          return;
        }
        start.forEach(this::send);
      }
    } finally {
      pumping.set(false);
    }
  }

  private void send(Attempt a) {
    if ("http".equalsIgnoreCase(a.url.getScheme()) && !allowPlainHttp) {
      decided(a, failed(a, "refused: callbacks go to HTTPS URLs only"), false, true);
      return;
    }
    ObjectNode body = RequestBody.MAPPER.createObjectNode();
    body.put("orderId", a.payment.orderId());
    body.put("traceId", a.payment.code());
    body.put("payeeId", a.payment.payeeId());
    long timeoutMs = timeoutMs();
    AtomicBoolean done = new AtomicBoolean();
    CompletableFuture<HttpResponse<String>> exchange;
    try {
      exchange = http().sendAsync(HttpRequest.newBuilder(a.url)
              .timeout(Duration.ofMillis(timeoutMs))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
          info -> new BoundedText(MAX_ANSWER));
    } catch (RuntimeException e) {
      decided(a, failed(a, e.toString()), false, true);
      return;
    }
    // The request timeout covers the answer's head only; this covers its body too.
    ScheduledFuture<?> deadline;
    try {
      deadline = deadlines.schedule(() -> {
        if (done.compareAndSet(false, true)) {
          exchange.cancel(true);
          decided(a, failed(a, "no answer within " + timeoutMs + " ms (MixPay's timeout)"),
              true, true);
        }
      }, timeoutMs, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      exchange.cancel(true); // the mock is stopping
      return;
    }
    exchange.whenComplete((answer, failure) -> {
      if (!done.compareAndSet(false, true)) {
        return;
      }
      deadline.cancel(false);
      CallbackAttempt outcome;
      if (failure == null) {
        String text = answer.body() == null ? "" : answer.body();
        outcome = attempt(a, answer.statusCode(), text, null,
            answer.statusCode() == 200 && saysSuccess(text));
      } else {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        outcome = failed(a, cause instanceof HttpTimeoutException
            ? "no answer within " + timeoutMs + " ms (MixPay's timeout)" : cause.toString());
      }
      decided(a, outcome, failure instanceof HttpTimeoutException
          || failure != null && failure.getCause() instanceof HttpTimeoutException, true);
    });
  }

  /**
   * Records the outcome at the attempt's mock time, frees its place and, unless it was accepted,
   * schedules the next attempt MixPay's delay after it ended. On the mock's clock an answer
   * takes no time and a timeout takes MixPay's timeout (scaled), so the schedule is the same
   * however fast the machine is. {@code heldPlace}: the attempt was counted in flight (only an
   * attempt refused because its lane was full was not).
   */
  private void decided(Attempt a, CallbackAttempt outcome, boolean timedOut, boolean heldPlace) {
    Attempt next = null;
    synchronized (lock) {
      if (a.generation == generation) {
        log.put(new LogKey(a.dueMs, a.seq), outcome);
        while (log.size() > LOG_SIZE) {
          log.pollFirstEntry();
        }
      }
      Lane lane = lanes.get(a.endpoint());
      if (heldPlace && lane != null) {
        lane.inFlight--;
        inFlight--;
        offerLocked(lane);
        if (lane.inFlight == 0 && lane.waiting.isEmpty()) {
          lanes.remove(lane.endpoint);
        }
      }
      if (!outcome.accepted() && a.number < retrySeconds.size()) {
        long ended = a.dueMs + (timedOut ? timeoutMs() : 0);
        next = new Attempt(a.payment, a.event, a.url, a.number + 1,
            ended + delayMs(a.number + 1), a.generation, attemptSeq.getAndIncrement());
        if (!registerLocked(next)) {
          next = null;
        }
      }
      lock.notifyAll();
    }
    if (next != null) {
      onTimeline(next);
    }
    pump();
  }

  // Never below 2 s however far the schedule is sped up: on a loaded test machine a shorter
  // timeout turns a slow but correct answer into a failed attempt.
  private long timeoutMs() {
    return Math.max(2000, (long) (timeoutSeconds * 1000 * timeScale));
  }

  private CallbackAttempt failed(Attempt a, String error) {
    return attempt(a, 0, null, error, false);
  }

  private static CallbackAttempt attempt(Attempt a, int status, String answer, String error,
      boolean accepted) {
    return new CallbackAttempt(a.payment.code(), a.event, a.url, a.number,
        java.time.Instant.ofEpochMilli(a.dueMs), status, answer, error, accepted);
  }

  private HttpClient http() {
    synchronized (lock) {
      if (http == null) {
        completions = Executors.newFixedThreadPool(2, daemon("mixpay-mock-callbacks"));
        deadlines = Executors.newSingleThreadScheduledExecutor(
            daemon("mixpay-mock-callback-deadlines"));
        http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(completions)
            .build();
      }
      return http;
    }
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * The answer's first {@code max} characters (as UTF-8); the rest is not read: a merchant's
   * endpoint that answers megabytes costs the mock nothing beyond the prefix.
   */
  private static final class BoundedText implements HttpResponse.BodySubscriber<String> {
    private final int maxBytes;
    private final java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private java.util.concurrent.Flow.Subscription subscription;

    BoundedText(int maxChars) {
      this.maxBytes = maxChars * 4;
    }

    @Override
    public java.util.concurrent.CompletionStage<String> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<java.nio.ByteBuffer> items) {
      for (java.nio.ByteBuffer b : items) {
        int take = Math.min(b.remaining(), maxBytes - kept.size());
        byte[] bytes = new byte[take];
        b.get(bytes);
        kept.write(bytes, 0, take);
      }
      if (kept.size() >= maxBytes) {
        subscription.cancel();
        onComplete();
      }
    }

    @Override
    public void onError(Throwable throwable) {
      result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
      String text = new String(kept.toByteArray(), java.nio.charset.StandardCharsets.UTF_8);
      result.complete(text.length() > MAX_ANSWER ? text.substring(0, MAX_ANSWER) : text);
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

  /** Every attempt decided so far (the last {@value #LOG_SIZE}), in the order of mock time. */
  public List<CallbackAttempt> attempts() {
    synchronized (lock) {
      return List.copyOf(log.values());
    }
  }

  /**
   * Waits until every attempt due by the mock's current time has been decided (answered,
   * refused or timed out), including the follow-ups that fall due meanwhile, and returns the
   * attempts. Runs what is due on the clock first, so a payment expired by the clock has its
   * callback started.
   *
   * @throws IllegalStateException when that takes longer than {@code timeout}; the message says
   *     how many attempts are still under way and to where
   */
  public List<CallbackAttempt> awaitSettled(Duration timeout) {
    clock.runDue();
    long end = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (!settledLocked()) {
        long leftMs = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
        if (leftMs <= 0) {
          throw new IllegalStateException("callbacks not settled within " + timeout + ": "
              + inFlight + " in flight, " + waiting + " waiting, to " + lanes.keySet());
        }
        try {
          // Bounded: a flowing clock makes attempts due without anyone calling notify.
          lock.wait(Math.min(leftMs, 20));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for callbacks", e);
        }
      }
      return List.copyOf(log.values());
    }
  }

  private boolean settledLocked() {
    return inFlight == 0 && waiting == 0
        && (onClock.isEmpty() || onClock.firstKey() > clock.millis());
  }

  /** Forgets every attempt and drops those pending or under way. */
  public void clear() {
    synchronized (lock) {
      generation++;
      log.clear();
      onClock.clear();
      ready.clear();
      // Attempts under way keep their lanes until they end; their outcomes are dropped.
      lanes.values().removeIf(l -> {
        waiting -= l.waiting.size();
        l.waiting.clear();
        l.queued = false;
        return l.inFlight == 0;
      });
      lock.notifyAll();
    }
  }

  /** Sends nothing more and stops the sender's threads; exchanges under way are abandoned. */
  public void shutdown() {
    ExecutorService c;
    ScheduledExecutorService d;
    synchronized (lock) {
      stopped = true;
      generation++;
      onClock.clear();
      c = completions;
      d = deadlines;
      lock.notifyAll();
    }
    if (d != null) {
      d.shutdownNow();
    }
    if (c != null) {
      c.shutdownNow();
    }
  }
}
