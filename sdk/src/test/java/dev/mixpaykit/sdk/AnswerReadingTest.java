package dev.mixpaykit.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** How an answer's body is read: its charset as declared, and never without a size limit. */
class AnswerReadingTest {

  private static MixPayClient client(ScriptedServer server) {
    return MixPayClient.builder().baseUrl(server.baseUrl()).retryPolicy(RetryPolicy.none())
        .build();
  }

  @Test
  void anAnswerFarLargerThanAnyEnvelopeIsRefusedInsteadOfReadIntoMemory() throws Exception {
    String huge = "{\"code\":0,\"success\":true,\"message\":\""
        + "x".repeat(Transport.MAX_ANSWER_BYTES) + "\",\"data\":{},\"timestampMs\":1}";
    try (ScriptedServer server = new ScriptedServer(ScriptedServer.answer(200, "", huge),
        ScriptedServer.answer(200, "", huge))) {
      MixPayClient client = client(server);

      MixPayTransportException sync = catchThrowableOfType(MixPayTransportException.class,
          () -> client.createOneTimePayment(Fixtures.minimal("order-huge").build()));
      CompletionException async = catchThrowableOfType(CompletionException.class,
          () -> client.createOneTimePaymentAsync(Fixtures.minimal("order-huge").build()).join());

      assertThat(sync).hasMessageContaining("larger than 1024 KiB");
      assertThat(async.getCause()).isInstanceOf(MixPayTransportException.class)
          .hasMessageContaining("larger than 1024 KiB");
    }
  }

  @Test
  void aBodyIsDecodedInTheCharsetItsContentTypeNames() throws Exception {
    String refusal = "{\"code\":10064,\"success\":false,\"message\":\"Montant refusé\","
        + "\"data\":[],\"timestampMs\":1}";
    byte[] latin1 = refusal.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    String answer = "HTTP/1.1 400 X\r\nContent-Type: application/json; charset=ISO-8859-1\r\n"
        + "Content-Length: " + latin1.length + "\r\n\r\n"
        + new String(latin1, java.nio.charset.StandardCharsets.ISO_8859_1);
    try (ScriptedServer latin = new ScriptedServer(answer, answer)) {
      MixPayClient client = client(latin);

      MixPayApiException sync = catchThrowableOfType(MixPayApiException.class,
          () -> client.createOneTimePayment(Fixtures.minimal("order-latin").build()));
      CompletionException async = catchThrowableOfType(CompletionException.class,
          () -> client.createOneTimePaymentAsync(Fixtures.minimal("order-latin").build()).join());

      assertThat(sync.getMessage()).contains("Montant refusé");
      assertThat(async.getCause().getMessage()).contains("Montant refusé");
    }
  }
}
