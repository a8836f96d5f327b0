package dev.mixpaykit.mock.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A loopback stand-in for MixPay that answers what a test scripts, including answers that
 * drift from the spec, and remembers every request exactly as it arrived.
 */
final class ScriptedUpstream implements AutoCloseable {

  /** A request as the upstream saw it. */
  record Seen(String method, String target, Map<String, List<String>> headers, byte[] body) {}

  /** An answer to script. */
  record Answer(int status, Map<String, String> headers, byte[] body, boolean stall,
      boolean stallBody) {

    Answer(int status, Map<String, String> headers, byte[] body, boolean stall) {
      this(status, headers, body, stall, false);
    }

    static Answer json(int status, String body) {
      return new Answer(status, Map.of("Content-Type", "application/json"),
          body.getBytes(StandardCharsets.UTF_8), false);
    }

    static Answer of(int status, String contentType, String body) {
      return new Answer(status, Map.of("Content-Type", contentType),
          body.getBytes(StandardCharsets.UTF_8), false);
    }

    /** Holds the connection open without answering until the upstream closes. */
    static Answer stalled() {
      return new Answer(0, Map.of(), new byte[0], true);
    }

    /** Sends the head and the first bytes of a longer body, then holds the connection. */
    static Answer stalledBody() {
      return new Answer(200, Map.of("Content-Type", "application/json"),
          "{\"code\":0,".getBytes(StandardCharsets.UTF_8), false, true);
    }
  }

  private final HttpServer server;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile Function<Seen, Answer> script = s -> Answer.json(404, "{}");

  ScriptedUpstream() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "scripted-upstream");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", this::handle);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  void answer(Function<Seen, Answer> script) {
    this.script = script;
  }

  void answer(Answer always) {
    this.script = s -> always;
  }

  List<Seen> seen() {
    return seen;
  }

  private void handle(HttpExchange exchange) throws IOException {
    Seen request = new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath()
        + (exchange.getRequestURI().getRawQuery() == null ? ""
        : "?" + exchange.getRequestURI().getRawQuery()),
        Map.copyOf(exchange.getRequestHeaders()), exchange.getRequestBody().readAllBytes());
    seen.add(request);
    Answer answer = script.apply(request);
    if (answer.stall()) {
      try {
        closing.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
      return;
    }
    answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    if (answer.stallBody()) {
      exchange.sendResponseHeaders(answer.status(), 1000);
      exchange.getResponseBody().write(answer.body());
      exchange.getResponseBody().flush();
      try {
        closing.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
      return;
    }
    exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1
        : answer.body().length);
    exchange.getResponseBody().write(answer.body());
    exchange.close();
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
  }
}
