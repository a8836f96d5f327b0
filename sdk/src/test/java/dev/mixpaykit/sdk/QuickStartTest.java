package dev.mixpaykit.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixpaykit.mock.MixPayMockExtension;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's quick start, compiled and run against the mock. */
class QuickStartTest {

  @RegisterExtension
  static MixPayMockExtension mixpay = new MixPayMockExtension();

  @Test
  void theQuickStartCreatesAPaymentAndPrintsItsLink() {
    String baseUrl = mixpay.baseUrl();
    // quickstart:begin
    MixPayClient mixpay = MixPayClient.builder()
        .baseUrl(baseUrl) // leave out for https://api.mixpay.me
        .build();

    OneTimePayment payment = mixpay.createOneTimePayment(OneTimePaymentRequest.builder()
        .payeeId("a0d7791408776b47eb1dd3f94ed15d6a")
        .quoteAmount(new BigDecimal("10"))
        .quoteAssetId("usd")
        .settlementAssetId(UUID.fromString("c6d0c728-2624-429b-8e0d-d9d19b6592fa"))
        .orderId("order-20230105-0042")
        .build());

    System.out.println(payment.checkoutUrl()); // https://mixpay.me/code/<code>
    // quickstart:end

    assertThat(payment.checkoutUrl().toString()).startsWith("https://mixpay.me/code/");
  }

  @Test
  void theReadmeShowsExactlyThisCode() throws Exception {
    String test = Files.readString(Path.of("src/test/java/dev/mixpaykit/sdk/QuickStartTest.java"));
    String readme = Files.readString(Path.of("../README.md"));

    assertThat(normalise(between(readme, "// quickstart:begin", "// quickstart:end")))
        .isEqualTo(normalise(between(test, "// quickstart:begin", "// quickstart:end")));
  }

  @Test
  void theReadmeShowsExactlyTheCallbackHandler() throws Exception {
    String example = Files.readString(
        Path.of("src/test/java/dev/mixpaykit/sdk/CallbackHandlerExample.java"));
    String readme = Files.readString(Path.of("../README.md"));

    assertThat(normalise(between(readme, "// callback:begin", "// callback:end")))
        .isEqualTo(normalise(between(example, "// callback:begin", "// callback:end")));
  }

  private static String between(String text, String begin, String end) {
    int from = text.indexOf(begin);
    int to = text.indexOf(end, from);
    assertThat(from).as("marker " + begin).isNotNegative();
    return text.substring(from + begin.length(), to);
  }

  private static String normalise(String code) {
    return code.replaceAll("\\s+", " ").trim();
  }
}
