package dev.mixpaykit.mock.internal;

import dev.mixpaykit.mock.MixPayMock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Build-time training run for a class-data-sharing archive: the build starts the mock with
 * {@code -XX:ArchiveClassesAtExit}, this sends the kinds of request the mock serves, and the JVM
 * writes the classes it loaded. With the archive, {@code java -jar} answers its first request in
 * about half the time. Exits non-zero if an answer is not the expected one, so it doubles as a
 * smoke test of the packaged jar.
 */
public final class CdsTraining {

  private CdsTraining() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    try (MixPayMock mock = MixPayMock.builder().build().start()) {
      HttpClient http = HttpClient.newHttpClient();
      String base = mock.baseUrl();
      String form = "payeeId=a0d7791408776b47eb1dd3f94ed15d6a&quoteAmount=10&quoteAssetId=usd"
          + "&settlementAssetId=c6d0c728-2624-429b-8e0d-d9d19b6592fa&orderId=training-1";
      expect(http, post(base + "/v1/one_time_payment", "application/x-www-form-urlencoded", form),
          200);
      expect(http, post(base + "/v1/one_time_payment", "application/json",
          "{\"payeeId\":\"a0d7791408776b47eb1dd3f94ed15d6a\",\"quoteAmount\":0.5,"
              + "\"quoteAssetId\":\"usd\",\"settlementAssetId\":"
              + "\"c6d0c728-2624-429b-8e0d-d9d19b6592fa\",\"orderId\":\"training-2\"}"), 200);
      expect(http, post(base + "/v1/one_time_payment", "application/x-www-form-urlencoded",
          "quoteAmount=abc"), 400);
      expect(http, post(base + "/__admin/mixpay/next", "application/json",
          "{\"errorCode\":10008}"), 201);
      expect(http, post(base + "/v1/one_time_payment", "application/x-www-form-urlencoded",
          form), 503);
      expect(http, HttpRequest.newBuilder(URI.create(base + "/__admin/mixpay/payments")).build(),
          200);
    }
  }

  private static HttpRequest post(String url, String type, String body) {
    return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static void expect(HttpClient http, HttpRequest request, int status) throws Exception {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != status) {
      throw new IllegalStateException(request.uri() + " answered " + response.statusCode()
          + " instead of " + status + ": " + response.body());
    }
  }
}
