package dev.mixpaykit.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixpaykit.openapi.MixPayOpenApi.Contract;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The HTML references (Redoc, one file per version) are built before the tests run, and must
 * open without a network. What a reader sees in a browser is {@link ReferenceScreenshotTest}'s.
 */
class HtmlReferenceTest {

  static Path reference(Contract contract) {
    return Path.of("target", "reference",
        contract == Contract.CURRENT ? "mixpay.html" : "mixpay-" + contract.label() + ".html");
  }

  @ParameterizedTest
  @EnumSource(Contract.class)
  void referenceCarriesTheWholeDescription(Contract contract) throws Exception {
    String html = Files.readString(reference(contract));

    assertThat(html).contains("createOneTimePayment", "/v1/one_time_payment",
        "OneTimePaymentRequest", "x-mixpay-errors", "Error catalogue");
  }

  @ParameterizedTest
  @EnumSource(Contract.class)
  void referenceLoadsNothingFromTheNetwork(Contract contract) throws Exception {
    String html = Files.readString(reference(contract));

    // Links a reader may click are fine; resources the page itself fetches are not. Redoc's
    // script is inlined (--inlineBundle), not loaded from a CDN.
    assertThat(html)
        .doesNotContainPattern("<script[^>]+src=[\"']?(https?:)?//")
        .doesNotContainPattern("<link[^>]+href=[\"']?(https?:)?//")
        .doesNotContainPattern("<img[^>]+src=[\"']?(https?:)?//")
        .doesNotContainPattern("@import\\s+url\\(\\s*['\"]?(https?:)?//")
        .doesNotContainPattern("@font-face\\s*\\{[^}]*url\\(\\s*['\"]?(https?:)?//")
        .doesNotContain("fonts.googleapis.com");
  }
}
