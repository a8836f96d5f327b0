package dev.mixpaykit.sdk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mixpaykit.mock.MixPayMockExtension;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The result query, typed, and the checks a merchant must make before fulfilling. */
class PaymentResultTest {

  @RegisterExtension
  static MixPayMockExtension mixpay = new MixPayMockExtension();

  private static MixPayClient client() {
    return MixPayClient.builder().baseUrl(mixpay.baseUrl()).build();
  }

  @Test
  void aNewPaymentIsUnpaidThenSucceedsWithExactAmounts() {
    MixPayClient client = client();
    OneTimePayment payment = client.createOneTimePayment(Fixtures.minimal("order-r-1")
        .quoteAmount(new BigDecimal("10.50")).build());
    UUID trace = payment.code();

    PaymentResult unpaid = client.getPaymentResult(trace);
    assertThat(unpaid.status()).isEqualTo(PaymentStatus.UNPAID);
    assertThat(unpaid.status().isFinal()).isFalse();
    assertThat(unpaid.quoteAmount()).isEqualByComparingTo("10.5");
    assertThat(unpaid.paymentAmount()).isNull();
    assertThat(unpaid.hasFailure()).isFalse();
    assertThat(unpaid.failureCode()).isEmpty(); // MixPay's "0"

    mixpay.mock().payInFull(payment.code().toString());
    PaymentResult paid = client.getPaymentResult(Fixtures.PAYEE, "order-r-1");
    assertThat(paid.status()).isEqualTo(PaymentStatus.SUCCESS);
    assertThat(paid.status().isFinal()).isTrue();
    assertThat(paid.paymentAmount()).isEqualByComparingTo("10.5");
    assertThat(paid.traceId()).isEqualTo(payment.code());
    assertThat(paid.date()).isNotNull();
    assertThat(client.getPaymentResultAsync(trace).join()).isEqualTo(paid);
  }

  @Test
  void aFailedPaymentSaysWhy() {
    OneTimePayment payment = client().createOneTimePayment(Fixtures.minimal("order-r-2").build());
    mixpay.mock().expire(payment.code().toString());

    PaymentResult failed = client().getPaymentResult(payment.code());
    assertThat(failed.status()).isEqualTo(PaymentStatus.FAILED);
    assertThat(failed.hasFailure()).isTrue();
    assertThat(failed.failureCode()).contains("40000");
    assertThat(failed.failureReason()).contains("Payment overtime");
  }

  @Test
  void anUnknownPaymentIsMixPays404() {
    MixPayRequestException e = catchThrowableOfType(MixPayRequestException.class,
        () -> client().getPaymentResult(UUID.randomUUID()));

    assertThat(e.code()).isEqualTo(404);
    assertThat(e.errorCode()).contains(ErrorCode.NOT_FOUND);
  }

  @ParameterizedTest(name = "date {0}")
  @CsvSource(delimiter = '|', value = {
      "1672913100     | 2023-01-05T10:05:00Z",
      "\"1672913100\" | 2023-01-05T10:05:00Z",
      "\"yesterday\"  | ",
      "null           | "})
  void theDateMayComeAsANumberOrAString(String json, String expected) {
    stubResult("\"status\":\"refunding\",\"date\":" + json);

    PaymentResult result = client().getPaymentResult(UUID.randomUUID());

    assertThat(result.date()).isEqualTo(expected == null ? null : Instant.parse(expected));
    assertThat(result.status().value()).isEqualTo("refunding");
    assertThat(result.status().isKnown()).isFalse();
    assertThat(result.status().isFinal()).isFalse();
  }

  @Test
  void callbackBodiesThatAreNotMixPaysAreRefusedClearly() {
    assertThatThrownBy(() -> PaymentCallback.parse("<html>")).isInstanceOf(
        IllegalArgumentException.class).hasMessageContaining("is JSON");
    assertThatThrownBy(() -> PaymentCallback.parse("[]")).hasMessageContaining("JSON object");
    assertThatThrownBy(() -> PaymentCallback.parse("{\"orderId\":\"order-1\"}"))
        .hasMessageContaining("names payeeId");
    assertThat(PaymentCallback.SUCCESS_ANSWER).isEqualTo("{\"code\":\"SUCCESS\"}");
  }

  private static void stubResult(String dataFields) {
    mixpay.mock().wireMock().stubFor(get(urlPathEqualTo("/v1/payments_result")).atPriority(1)
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"code\":0,\"success\":true,\"message\":\"\",\"data\":{\"payeeId\":\""
                + Fixtures.PAYEE + "\",\"quoteAmount\":\"1\",\"quoteAssetId\":\"usd\","
                + dataFields + "},\"timestampMs\":1}")));
  }
}
