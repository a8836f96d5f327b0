package dev.mixpaykit.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixpaykit.mock.MixPayMockExtension;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One java.net.http.HttpClient per MixPayClient: one selector thread, not three. */
class ThreadsTest {

  @RegisterExtension
  static MixPayMockExtension mixpay = new MixPayMockExtension();

  private static Set<Thread> selectorThreads() {
    Thread[] threads = new Thread[Thread.activeCount() * 2 + 16];
    int n = Thread.enumerate(threads);
    return Arrays.stream(threads, 0, n)
        .filter(t -> t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager"))
        .collect(Collectors.toSet());
  }

  @Test
  void aClientStartsExactlyOneSelectorThread() {
    Set<Thread> before = selectorThreads();

    MixPayClient client = MixPayClient.builder().baseUrl(mixpay.baseUrl()).build();
    client.createOneTimePayment(Fixtures.minimal("order-threads").build());
    client.getPaymentResultAsync(UUID.randomUUID()).exceptionally(e -> null).join();

    // New threads only: clients of earlier tests may be collected (and their threads end) meanwhile.
    Set<Thread> started = selectorThreads();
    started.removeAll(before);
    assertThat(started).hasSize(1);
  }
}
