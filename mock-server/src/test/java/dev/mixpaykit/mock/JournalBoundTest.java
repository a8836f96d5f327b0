package dev.mixpaykit.mock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The journal is bounded in bytes as well as entries, whatever the mix of request sizes. */
class JournalBoundTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void longBodiesAreKeptAsAPrefixWithTheirLengthAndOldEntriesGoPastTheByteBound()
      throws Exception {
    try (MixPayMock mock = MixPayMock.builder().journalBytes(256 * 1024).build().start()) {
      String big = "remark=" + "x".repeat(60_000);
      for (int i = 0; i < 200; i++) {
        post(mock, i % 10 == 0 ? "payeeId=short" : big);
      }

      List<ReceivedRequest> kept = mock.requests();
      // 256 KiB at about 5 KiB an entry (4096 body bytes kept, headers, overhead).
      assertThat(kept).hasSizeBetween(10, 60);
      assertThat(kept.get(kept.size() - 1).body()).hasSize(4096).startsWith("remark=xxx");
      assertThat(kept.get(kept.size() - 1).header("X-MixPay-Mock-Journal-Body"))
          .isEqualTo(big.length() + " bytes, first 4096 kept");
      ReceivedRequest small = kept.stream().filter(r -> r.body().equals("payeeId=short"))
          .findFirst().orElseThrow();
      assertThat(small.header("X-MixPay-Mock-Journal-Body")).isNull();

      HttpResponse<String> journal = HTTP.send(HttpRequest.newBuilder(
          URI.create(mock.baseUrl() + "/__admin/requests")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(journal.statusCode()).isEqualTo(200);
      JsonNode requests = new ObjectMapper().readTree(journal.body()).path("requests");
      assertThat(requests.size()).isEqualTo(kept.size());
      // WireMock writes each body twice (text and base64), and the answer beside it.
      assertThat(journal.body().length()).isLessThan(4 * 256 * 1024);
    }
  }

  @Test
  void theEntryBoundStillHolds() throws Exception {
    try (MixPayMock mock = MixPayMock.builder().journalSize(5).build().start()) {
      for (int i = 0; i < 12; i++) {
        post(mock, "payeeId=p" + i);
      }
      assertThat(mock.requests()).extracting(ReceivedRequest::body)
          .containsExactly("payeeId=p7", "payeeId=p8", "payeeId=p9", "payeeId=p10",
              "payeeId=p11");
    }
  }

  private static void post(MixPayMock mock, String body) throws Exception {
    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(
            URI.create(mock.baseUrl() + "/v1/one_time_payment"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(answer.body()).contains("\"code\":1017");
  }
}
