package dev.mixpaykit.mock;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;

/**
 * A shop for the suite tests: a callback endpoint on a free port that answers with the status
 * {@code answer} gives (200 means {@code {"code":"SUCCESS"}}), and plain HTTP calls to a mock.
 */
final class Shop implements AutoCloseable {

  static final HttpClient HTTP = HttpClient.newHttpClient();

  private final HttpServer server;
  final List<String> received = new CopyOnWriteArrayList<>();

  Shop(IntSupplier answer) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/callback", exchange -> {
      received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      int status = answer.getAsInt();
      byte[] body = (status == 200 ? "{\"code\":\"SUCCESS\"}" : "busy")
          .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  String callbackUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/callback";
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** POSTs a form-encoded create request. */
  static HttpResponse<String> create(MixPayMock mock, Map<String, ?> fields) {
    return send(HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/v1/one_time_payment"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(Contract.encode(fields))).build());
  }

  static HttpResponse<String> get(MixPayMock mock, String pathAndQuery) {
    return send(HttpRequest.newBuilder(URI.create(mock.baseUrl() + pathAndQuery)).GET().build());
  }

  static HttpResponse<String> admin(MixPayMock mock, String method, String path, String json) {
    return send(HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/__admin/mixpay" + path))
        .header("Content-Type", "application/json")
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json)).build());
  }

  static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
