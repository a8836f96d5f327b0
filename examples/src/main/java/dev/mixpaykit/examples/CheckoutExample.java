package dev.mixpaykit.examples;

import dev.mixpaykit.mock.CallbackAttempt;
import dev.mixpaykit.mock.MixPayMock;
import dev.mixpaykit.sdk.MixPayClient;
import dev.mixpaykit.sdk.PaymentResult;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;

/**
 * End to end, without MixPay: create a payment with the SDK against the mock, have the mock's
 * payer pay it, receive MixPay's callback on the shop's endpoint (twice, because the shop's
 * first answer is lost), confirm with the result query, and fulfil the order once.
 *
 * <p>Run: {@code java -cp examples/target/classes:… dev.mixpaykit.examples.CheckoutExample}, or
 * see {@code CheckoutExampleTest}, which runs it in the build.
 */
public final class CheckoutExample {

  private CheckoutExample() {}

  public static void main(String[] args) throws Exception {
    System.out.println(run());
  }

  /** Runs the whole flow and describes what happened. */
  public static String run() throws Exception {
    try (MixPayMock mixpayMock = MixPayMock.builder()
            .allowPlainHttpCallbacks(true) // the shop listens on plain HTTP locally
            .callbackTimeScale(0.01)       // MixPay's 15 s between retries become 150 ms
            .build().start();
        Shop shop = new Shop(MixPayClient.builder().baseUrl(mixpayMock.baseUrl())
            .allowPlainHttpCallbacks(true).build())) {
      URI checkout = shop.placeOrder("order-20230105-0042", new BigDecimal("10"));
      String code = checkout.getPath().substring(checkout.getPath().lastIndexOf('/') + 1);

      shop.loseNextAnswer();
      mixpayMock.payInFull(code); // the payer pays; MixPay starts calling back

      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (mixpayMock.callbacks().stream().noneMatch(CallbackAttempt::accepted)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("no callback was accepted: " + mixpayMock.callbacks());
        }
        Thread.sleep(20); // waiting for the shop, as a real deployment would; not in a test
      }
      PaymentResult result = MixPayClient.builder().baseUrl(mixpayMock.baseUrl()).build()
          .getPaymentResult(UUID.fromString(code));
      return "checkout " + checkout + "\n"
          + "callback deliveries " + mixpayMock.callbacks().size() + "\n"
          + "payment status " + result.status() + ", paid " + result.paymentAmount() + "\n"
          + "fulfilments " + shop.order("order-20230105-0042").fulfilments();
    }
  }
}
