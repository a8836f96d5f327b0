package dev.mixpaykit.mock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bodies that cannot be read (broken off, badly chunked, falsely gzipped, zip bombs): each is
 * MixPay's 1017 envelope (the admin API's {@code {"error"}}), never Jetty's HTML page with a
 * stack trace, and the mock keeps serving.
 */
class BrokenBodyTest {

  @RegisterExtension
  static MixPayMockExtension mixpay = new MixPayMockExtension();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CREATE = "{\"payeeId\":\"" + Contract.PAYEE
      + "\",\"quoteAmount\":1,\"quoteAssetId\":\"usd\",\"settlementAssetId\":\"" + Contract.BTC
      + "\",\"orderId\":\"order-zipped\"}";

  @Test
  void aBrokenChunkedEncodingIsAParameterError() throws Exception {
    RawHttp.Answer r = RawHttp.send(mixpay.mock().port(), head("/v1/one_time_payment",
        "Transfer-Encoding: chunked\r\n"), "zz\r\nabc\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

    assertEnvelope(r, "Parameter error. the body's chunked encoding is broken or ends early.");
    assertThat(mixpay.mock().payments()).isEmpty();
  }

  @Test
  void aBodyThatEndsBeforeItsDeclaredLengthIsAParameterError() throws Exception {
    String answer = sendThenHalfClose(head("/v1/one_time_payment", "Content-Length: 100\r\n"),
        "payeeId=a0d");

    RawHttp.Answer r = parse(answer);
    assertEnvelope(r, "Parameter error. the body ended before the length its headers declare.");
  }

  @Test
  void theAdminApiRefusesABrokenBodyInItsOwnStyle() throws Exception {
    String answer = sendThenHalfClose("POST /__admin/mixpay/next HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n", "{\"code\":");

    RawHttp.Answer r = parse(answer);
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(JSON.readTree(r.body()))
        .isEqualTo(JSON.readTree("{\"error\":\"the body ended before the length its headers declare\"}"));
  }

  @Test
  void aBodyDeclaredGzipThatIsNotIsAParameterError() throws Exception {
    RawHttp.Answer r = RawHttp.send(mixpay.mock().port(), head("/v1/one_time_payment",
        "Content-Encoding: gzip\r\nContent-Length: 7\r\n"),
        "notgzip".getBytes(StandardCharsets.US_ASCII));

    assertEnvelope(r, "Parameter error. the body is declared or looks gzip-compressed but is not.");
  }

  @Test
  void aZipBombIsRefusedWithoutBeingUnzippedInFull() throws Exception {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
      byte[] zeros = new byte[1024 * 1024];
      for (int i = 0; i < 64; i++) {
        gzip.write(zeros); // 64 MiB of zeros in about 64 KiB
      }
    }
    RawHttp.Answer r = RawHttp.send(mixpay.mock().port(), head("/v1/one_time_payment",
        "Content-Encoding: gzip\r\nContent-Length: " + zipped.size() + "\r\n"),
        zipped.toByteArray());

    assertEnvelope(r, "Parameter error. the body, unzipped, is larger than 65536 bytes.");
  }

  @Test
  void gzipIsRecognisedAsWireMockRecognisesItAndRefusedWhenFalse() throws Exception {
    byte[] magic = {0x1f, (byte) 0x8b, 'j', 'u', 'n', 'k'};
    assertEnvelope(RawHttp.send(mixpay.mock().port(), head("/v1/one_time_payment",
        "Content-Length: 6\r\n"), magic),
        "Parameter error. the body is declared or looks gzip-compressed but is not.");
    assertEnvelope(RawHttp.send(mixpay.mock().port(), head("/v1/one_time_payment",
        "Content-Encoding: identity, gzip\r\nContent-Length: 7\r\n"),
        "{\"a\":1}".getBytes(StandardCharsets.US_ASCII)),
        "Parameter error. the body is declared or looks gzip-compressed but is not.");
  }

  @Test
  void aZipBombWithoutAnyHeaderIsRefusedToo() throws Exception {
    byte[] bomb = zipped(new byte[64 * 1024 * 1024]);
    assertEnvelope(RawHttp.send(mixpay.mock().port(), head("/v1/one_time_payment",
        "Content-Length: " + bomb.length + "\r\n"), bomb),
        "Parameter error. the body, unzipped, is larger than 65536 bytes.");
    assertEnvelope(RawHttp.send(mixpay.mock().port(), head("/v1/one_time_payment",
        "Content-Encoding: x-gzip\r\nContent-Length: " + bomb.length + "\r\n"), bomb),
        "Parameter error. the body, unzipped, is larger than 65536 bytes.");
  }

  @Test
  void aDoublyZippedBodyIsRefused() throws Exception {
    byte[] twice = zipped(zipped(CREATE.getBytes(StandardCharsets.UTF_8)));
    assertEnvelope(RawHttp.send(mixpay.mock().port(), head("/v1/one_time_payment",
        "Content-Encoding: gzip, gzip\r\nContent-Length: " + twice.length + "\r\n"), twice),
        "Parameter error. the body is gzip-compressed more than once.");
  }

  @Test
  void anAdminBodyDeclaredXGzipThatIsNotIsRefusedInTheAdminStyle() throws Exception {
    RawHttp.Answer r = RawHttp.send(mixpay.mock().port(), "PUT /__admin/mixpay/clock HTTP/1.1\r\n"
        + "Host: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\n"
        + "Content-Encoding: x-gzip\r\nContent-Length: 15\r\n\r\n",
        "{\"frozen\":true}".getBytes(StandardCharsets.US_ASCII));

    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree(
        "{\"error\":\"the body is declared or looks gzip-compressed but is not\"}"));
  }

  private static byte[] zipped(byte[] plain) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(plain);
    }
    return out.toByteArray();
  }

  @Test
  void anEncodingOtherThanGzipIsRefusedByName() throws Exception {
    assertEnvelope(RawHttp.send(mixpay.mock().port(), head("/v1/one_time_payment",
        "Content-Encoding: deflate\r\nContent-Length: 7\r\n"),
        "{\"a\":1}".getBytes(StandardCharsets.US_ASCII)),
        "Parameter error. Content-Encoding deflate is not supported; send the body as it is, or"
        + " gzip-compressed.");
  }

  @Test
  void aRealGzipBodyStillCreatesAPayment() throws Exception {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
      gzip.write(CREATE.getBytes(StandardCharsets.UTF_8));
    }
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(mixpay.baseUrl() + "/v1/one_time_payment"))
        .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
        .POST(HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray())).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(mixpay.mock().payments()).singleElement()
        .satisfies(p -> assertThat(p.orderId()).isEqualTo("order-zipped"));
  }

  @Test
  void aBodyOverTheLimitIsRefusedBeforeItIsReadInFull() throws Exception {
    byte[] big = new byte[10 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) 'a');
    RawHttp.Answer r = RawHttp.send(mixpay.mock().port(), head("/v1/one_time_payment",
        "Content-Length: " + big.length + "\r\n"), big);

    assertEnvelope(r, "Parameter error. the body is larger than 65536 bytes.");
  }

  private static String head(String target, String headers) {
    return "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\n" + headers + "\r\n";
  }

  /** Sends the head and part of the body, then closes the sending side: the body ends early. */
  private static String sendThenHalfClose(String head, String partOfBody) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", mixpay.mock().port()), 5000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write((head + partOfBody).getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      socket.shutdownOutput();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static RawHttp.Answer parse(String raw) throws IOException {
    int end = raw.indexOf("\r\n\r\n");
    int status = Integer.parseInt(raw.substring(9, 12));
    java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
    for (String line : raw.substring(0, end).split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.put(line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
            line.substring(colon + 1).trim());
      }
    }
    return new RawHttp.Answer(status, headers, raw.substring(end + 4));
  }

  private static void assertEnvelope(RawHttp.Answer r, String message) throws Exception {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.headers().get("content-type")).isEqualTo("application/json");
    JsonNode envelope = JSON.readTree(r.body());
    assertThat(envelope.path("code").asInt()).isEqualTo(1017);
    assertThat(envelope.path("message").asText()).isEqualTo(message);
    Contract.assertConforms(r.body(), "ErrorEnvelope");
    HttpResponse<String> still = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(mixpay.baseUrl() + "/v1/payments_result?traceId="
                + "2f0b1c8e-6d4a-4b7e-9c61-0d2f8a9e5b13")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(still.statusCode()).as("the mock keeps serving").isEqualTo(404);
  }
}
