package dev.mixpaykit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixpaykit.mock.MixPayMock;
import dev.mixpaykit.sdk.MixPayClient;
import dev.mixpaykit.sdk.PaymentVerification;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The shop, attacked: one real payment, a forged callback naming another order. */
class ForgedCallbackTest {

  @Test
  void aForgedCallbackCannotFulfilAnUnpaidOrder() throws Exception {
    try (MixPayMock mock = MixPayMock.builder().allowPlainHttpCallbacks(true).build().start();
        Shop shop = new Shop(MixPayClient.builder().baseUrl(mock.baseUrl())
            .allowPlainHttpCallbacks(true).build())) {
      URI a = shop.placeOrder("order-forged-a", new BigDecimal("10"));
      shop.placeOrder("order-forged-b", new BigDecimal("10")); // same payee, same price
      String codeA = a.getPath().substring(a.getPath().lastIndexOf('/') + 1);
      mock.payInFull(codeA);

      HttpResponse<String> answer = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(shop.callbackUrl()).POST(HttpRequest.BodyPublishers.ofString(
              "{\"orderId\":\"order-forged-b\",\"traceId\":\"" + codeA
                  + "\",\"payeeId\":\"a0d7791408776b47eb1dd3f94ed15d6a\"}")).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(shop.order("order-forged-b").fulfilments()).isZero();
      assertThat(shop.order("order-forged-b").lastRefusal().reason())
          .isEqualTo(PaymentVerification.Reason.NOT_PAID);
    }
  }
}
