package dev.mixpaykit.mock.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * The connection to the real MixPay: the request goes out as the client sent it (minus the
 * headers that belong to one hop), the answer comes back as MixPay sent it. Redirects are not
 * followed; nothing is added that tells the upstream who the client is (no
 * {@code X-Forwarded-For}, {@code Forwarded} or {@code Via}).
 */
final class Upstream {

  /** Headers of one connection (RFC 9110 section 7.6.1) or set by the HTTP client itself. */
  static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
      "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding",
      "upgrade", "host", "content-length", "expect", "http2-settings");

  /** A request that could be sent, and what came of it. */
  record Sent(int status, List<Map.Entry<String, List<String>>> headers, byte[] body,
      String failure) {}

  /** Ends body reads that pass their deadline, for every proxy in this JVM. */
  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mixpay-drift-upstream-watchdog");
        t.setDaemon(true);
        return t;
      });

  /** MixPay's answers are a few hundred bytes; anything this large is not one. */
  static final int MAX_ANSWER_BYTES = 16 * 1024 * 1024;

  private final URI base;
  private final Duration timeout;
  private final HttpClient client;

  Upstream(URI base, Duration timeout) {
    this.base = base;
    this.timeout = timeout;
    this.client = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        // HTTP/1.1 both ways: no h2c upgrade headers added to a plain-HTTP test upstream.
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout)
        .build();
  }

  URI base() {
    return base;
  }

  /**
   * Sends one request; never throws and never waits longer than the timeout, from the first
   * byte sent to the last byte of the answer.
   */
  Sent send(String method, String target, List<Map.Entry<String, List<String>>> headers,
      byte[] body) {
    HttpRequest.Builder request;
    try {
      request = HttpRequest.newBuilder(URI.create(base + target)).timeout(timeout);
    } catch (IllegalArgumentException e) {
      return new Sent(0, List.of(), new byte[0], "a request the proxy cannot forward ("
          + "malformed URL)");
    }
    request.method(method, body.length == 0 && !method.equalsIgnoreCase("POST")
        && !method.equalsIgnoreCase("PUT") ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(body));
    for (Map.Entry<String, List<String>> h : headers) {
      if (HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
        continue;
      }
      for (String value : h.getValue()) {
        try {
          request.header(h.getKey(), value);
        } catch (IllegalArgumentException e) {
          // A header the JDK client will not send (restricted or malformed): left out.
        }
      }
    }
    // send(), not sendAsync(): on a machine with two cores the JDK's default async pool starts
    // a thread per task, and sendAsync() hands every answer to it (about 10x the cost). The
    // request timeout bounds the wait for the answer's head; the watchdog bounds its body.
    HttpResponse<InputStream> answer;
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      answer = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      return failed("no answer within " + timeout.toMillis() + " ms");
    } catch (ConnectException e) {
      return failed("connection refused or unreachable");
    } catch (IOException e) {
      return failed("connection failed (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed("interrupted");
    }
    byte[] bytes;
    InputStream in = answer.body();
    ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> close(in),
        Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    try (in) {
      bytes = in.readNBytes(MAX_ANSWER_BYTES + 1);
      if (bytes.length > MAX_ANSWER_BYTES) {
        return failed("an answer larger than " + MAX_ANSWER_BYTES / (1024 * 1024) + " MiB");
      }
    } catch (IOException e) {
      return failed(System.nanoTime() - deadline >= 0
          ? "no answer within " + timeout.toMillis() + " ms"
          : "connection failed (" + e.getClass().getSimpleName() + ")");
    } finally {
      watchdog.cancel(false);
    }
    List<Map.Entry<String, List<String>>> out = new ArrayList<>();
    answer.headers().map().forEach((name, values) -> {
      if (!name.startsWith(":") && !HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
        out.add(Map.entry(name, values));
      }
    });
    return new Sent(answer.statusCode(), out, bytes, null);
  }

  private static void close(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // closing only to wake the reader
    }
  }

  private static Sent failed(String why) {
    return new Sent(0, List.of(), new byte[0], why);
  }

  /** The body with a gzip or deflate content encoding undone, for checking and recording. */
  static byte[] decoded(byte[] body, String contentEncoding) {
    if (contentEncoding == null || body.length == 0) {
      return body;
    }
    String encoding = contentEncoding.trim().toLowerCase(Locale.ROOT);
    try (InputStream in = encoding.equals("gzip")
        ? new GZIPInputStream(new java.io.ByteArrayInputStream(body))
        : encoding.equals("deflate")
            ? new InflaterInputStream(new java.io.ByteArrayInputStream(body)) : null) {
      if (in == null) {
        return body;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) > 0; ) {
        out.write(buffer, 0, n);
        if (out.size() > 16 * 1024 * 1024) {
          break; // a decompression bomb is not checked further
        }
      }
      return out.toByteArray();
    } catch (IOException e) {
      return body;
    }
  }
}
