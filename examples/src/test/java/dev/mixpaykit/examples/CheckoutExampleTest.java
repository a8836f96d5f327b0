package dev.mixpaykit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Runs the end-to-end example as part of the build. */
class CheckoutExampleTest {

  @Test
  void theOrderIsPaidConfirmedAndFulfilledOnceThoughTheCallbackCameTwice() throws Exception {
    String report = CheckoutExample.run();

    assertThat(report)
        .contains("checkout https://mixpay.me/code/")
        .contains("callback deliveries 2")
        .contains("payment status success, paid 10")
        .contains("fulfilments 1");
  }
}
