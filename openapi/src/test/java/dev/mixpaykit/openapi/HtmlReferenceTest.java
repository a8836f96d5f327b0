package dev.mixpaykit.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The HTML reference is built before the tests run, and must open without a network. */
class HtmlReferenceTest {

  private static final Path HTML = Path.of("target", "html", "index.html");

  @Test
  void referenceDocumentsTheOperationAndTheCatalogue() throws Exception {
    String html = Files.readString(HTML);

    assertThat(html).contains("createOneTimePayment", "/v1/one_time_payment",
        "OneTimePaymentRequest", "ErrorCode", "x-ratelimit-remaining");
  }

  @Test
  void referenceLoadsNothingFromTheNetwork() throws Exception {
    String html = Files.readString(HTML);

    // Links a reader may click are fine; resources the page itself fetches are not.
    assertThat(html)
        .doesNotContainPattern("<script[^>]+src=[\"']?(https?:)?//")
        .doesNotContainPattern("<link[^>]+href=[\"']?(https?:)?//")
        .doesNotContainPattern("<img[^>]+src=[\"']?(https?:)?//")
        .doesNotContainPattern("@import\\s+url\\(\\s*['\"]?(https?:)?//")
        .doesNotContain("fonts.googleapis.com");
  }
}
