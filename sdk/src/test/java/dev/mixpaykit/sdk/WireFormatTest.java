package dev.mixpaykit.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixpaykit.mock.MixPayMockExtension;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The exact bytes MixPay receives, read back from the mock's journal. */
class WireFormatTest {

  @RegisterExtension
  static MixPayMockExtension mixpay = new MixPayMockExtension();

  private static final long DEADLINE = Instant.now().getEpochSecond() + 3600;

  @SuppressWarnings("deprecation")
  private static OneTimePaymentRequest full() {
    return OneTimePaymentRequest.builder()
        .payeeId("a38ed284-5689-4fb9-8c2a-91fba5e32ce9")
        .quoteAmount(new BigDecimal("1E-8"))
        .quoteAssetId("c6d0c728-2624-429b-8e0d-d9d19b6592fa")
        .settlementAssetId(Fixtures.USDT)
        .strictMode(true)
        .paymentAssetId(Fixtures.USDT)
        .remark("Order 42")
        .expireSeconds(3600)
        .traceId(UUID.fromString("2f0b1c8e-6d4a-4b7e-9c61-0d2f8a9e5b13"))
        .orderId("order_42-x")
        .settlementMemo("invoice 42 & co")
        .returnTo(URI.create("https://shop.example.com/ok"))
        .failedReturnTo(URI.create("https://shop.example.com/failed"))
        .callbackUrl(URI.create("https://shop.example.com/cb?order=42&sig=a"))
        .expiredTimestamp(DEADLINE)
        .build();
  }

  @Test
  void aFullRequestAsAForm() {
    MixPayClient.builder().baseUrl(mixpay.baseUrl()).build().createOneTimePayment(full());

    var received = mixpay.mock().requests().get(0);
    assertThat(received.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    assertThat(received.body()).isEqualTo(
        "payeeId=a38ed284-5689-4fb9-8c2a-91fba5e32ce9"
            + "&quoteAmount=0.00000001"
            + "&quoteAssetId=c6d0c728-2624-429b-8e0d-d9d19b6592fa"
            + "&settlementAssetId=4d8c508b-91c5-375b-92b0-ee702ed2dac5"
            + "&strictMode=true"
            + "&paymentAssetId=4d8c508b-91c5-375b-92b0-ee702ed2dac5"
            + "&remark=Order+42"
            + "&expireSeconds=3600"
            + "&traceId=2f0b1c8e-6d4a-4b7e-9c61-0d2f8a9e5b13"
            + "&orderId=order_42-x"
            + "&settlementMemo=invoice+42+%26+co"
            + "&returnTo=https%3A%2F%2Fshop.example.com%2Fok"
            + "&failedReturnTo=https%3A%2F%2Fshop.example.com%2Ffailed"
            + "&callbackUrl=https%3A%2F%2Fshop.example.com%2Fcb%3Forder%3D42%26sig%3Da"
            + "&expiredTimestamp=" + DEADLINE);
  }

  @Test
  void aFullRequestAsJson() {
    MixPayClient.builder().baseUrl(mixpay.baseUrl()).bodyEncoding(BodyEncoding.JSON).build()
        .createOneTimePayment(full());

    assertThat(mixpay.mock().requests().get(0).body()).isEqualTo(
        "{\"payeeId\":\"a38ed284-5689-4fb9-8c2a-91fba5e32ce9\","
            + "\"quoteAmount\":0.00000001,"
            + "\"quoteAssetId\":\"c6d0c728-2624-429b-8e0d-d9d19b6592fa\","
            + "\"settlementAssetId\":\"4d8c508b-91c5-375b-92b0-ee702ed2dac5\","
            + "\"strictMode\":true,"
            + "\"paymentAssetId\":\"4d8c508b-91c5-375b-92b0-ee702ed2dac5\","
            + "\"remark\":\"Order 42\","
            + "\"expireSeconds\":3600,"
            + "\"traceId\":\"2f0b1c8e-6d4a-4b7e-9c61-0d2f8a9e5b13\","
            + "\"orderId\":\"order_42-x\","
            + "\"settlementMemo\":\"invoice 42 & co\","
            + "\"returnTo\":\"https://shop.example.com/ok\","
            + "\"failedReturnTo\":\"https://shop.example.com/failed\","
            + "\"callbackUrl\":\"https://shop.example.com/cb?order=42&sig=a\","
            + "\"expiredTimestamp\":" + DEADLINE + "}");
  }

  @Test
  void aThousandIsWrittenAsOneThousandInBothEncodings() {
    OneTimePaymentRequest request = Fixtures.minimal("order-1000")
        .quoteAmount(new BigDecimal("1E+3")).build();

    MixPayClient.builder().baseUrl(mixpay.baseUrl()).build().createOneTimePayment(request);
    MixPayClient.builder().baseUrl(mixpay.baseUrl()).bodyEncoding(BodyEncoding.JSON).build()
        .createOneTimePayment(request);

    assertThat(mixpay.mock().requests().get(0).body())
        .isEqualTo("payeeId=a0d7791408776b47eb1dd3f94ed15d6a&quoteAmount=1000&quoteAssetId=usd"
            + "&settlementAssetId=c6d0c728-2624-429b-8e0d-d9d19b6592fa&orderId=order-1000");
    assertThat(mixpay.mock().requests().get(1).body()).contains("\"quoteAmount\":1000,");
    assertThat(mixpay.mock().payments()).hasSize(1); // the same order, the same parameters
  }

  @Test
  void callbackEventsAreJoinedWithABar() {
    MixPayClient.builder().baseUrl(mixpay.baseUrl()).build().createOneTimePayment(
        Fixtures.minimal("order-events").callbackUrl(URI.create("https://shop.example.com/cb"))
            .callbackEvents(CallbackEvent.PAID_LESS, CallbackEvent.PENDING).build());

    assertThat(mixpay.mock().requests().get(0).body())
        .endsWith("&callbackUrl=https%3A%2F%2Fshop.example.com%2Fcb"
            + "&callbackEvent=pending%7Cpaid_less");
  }

  @Test
  void unsetOptionalFieldsAreNotSent() {
    MixPayClient.builder().baseUrl(mixpay.baseUrl()).build()
        .createOneTimePayment(Fixtures.minimal("order-min").build());

    assertThat(mixpay.mock().requests().get(0).body())
        .doesNotContain("strictMode", "expireSeconds", "isTemp");
  }

  @Test
  void theUserAgentNamesTheCallerAndTheSdk() {
    MixPayClient.builder().baseUrl(mixpay.baseUrl()).userAgent("shop/2.1").build()
        .createOneTimePayment(Fixtures.minimal("order-ua").build());

    assertThat(mixpay.mock().requests().get(0).header("User-Agent"))
        .startsWith("shop/2.1 mixpaykit-java-sdk/");
  }
}
