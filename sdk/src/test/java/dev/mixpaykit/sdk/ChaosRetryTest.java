package dev.mixpaykit.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixpaykit.mock.ChaosProfile;
import dev.mixpaykit.mock.CreatedPayment;
import dev.mixpaykit.mock.MixPayMock;
import dev.mixpaykit.mock.ReceivedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The SDK's retries against the mock's seeded chaos: MixPay's own failures (500 -1, 503 10008,
 * 1429 with Retry-After, a reset after the payment was created) at random but reproducible
 * points, and still exactly one payment per order.
 */
class ChaosRetryTest {

  private static final ChaosProfile CHAOS = ChaosProfile.builder().serverErrors(0.15)
      .maintenance(0.15).rateLimited(0.05).resetsAfterCreate(0.15).build();
  private static final RetryPolicy PATIENT = RetryPolicy.builder().maxAttempts(10)
      .initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(20))
      .maxElapsed(Duration.ofSeconds(30)).build();
  private static final int ORDERS = 20;

  /** One run: every order through the SDK; returns orderId -> code, in order. */
  private static Map<String, String> run(MixPayMock mock) {
    MixPayClient client = MixPayClient.builder().baseUrl(mock.baseUrl()).retryPolicy(PATIENT)
        .requestTimeout(Duration.ofSeconds(5)).build();
    Map<String, String> codes = new LinkedHashMap<>();
    for (int i = 0; i < ORDERS; i++) {
      String orderId = "order-chaos-" + i;
      codes.put(orderId, client.createOneTimePayment(Fixtures.minimal(orderId).build())
          .code().toString());
    }
    return codes;
  }

  /** How many requests the mock received per orderId. */
  private static Map<String, Long> attempts(MixPayMock mock) {
    return mock.requests().stream().map(ReceivedRequest::body)
        .map(body -> body.replaceAll(".*orderId=([^&]+).*", "$1"))
        .collect(Collectors.groupingBy(id -> id, TreeMap::new, Collectors.counting()));
  }

  @Test
  void retriesThroughChaosYieldExactlyOnePaymentPerOrder() {
    try (MixPayMock mock = MixPayMock.builder().seed(42).chaos(CHAOS).build().start()) {
      Map<String, String> codes = run(mock);

      assertThat(mock.payments()).hasSize(ORDERS);
      assertThat(mock.payments().stream().collect(Collectors.toMap(CreatedPayment::orderId,
          CreatedPayment::code))).isEqualTo(codes);
      assertThat(mock.requests().size()).as("requests, retries included")
          .isGreaterThan(ORDERS + 5);
    }
  }

  @Test
  void theSameSeedGivesTheSameRunAttemptForAttempt() {
    Map<String, String> firstCodes;
    Map<String, Long> firstAttempts;
    try (MixPayMock mock = MixPayMock.builder().seed(42).chaos(CHAOS).build().start()) {
      firstCodes = run(mock);
      firstAttempts = attempts(mock);
    }
    try (MixPayMock mock = MixPayMock.builder().seed(42).chaos(CHAOS).build().start()) {
      assertThat(run(mock)).isEqualTo(firstCodes);
      assertThat(attempts(mock)).isEqualTo(firstAttempts);
    }
    assertThat(firstAttempts.values()).as("some orders needed retries").anyMatch(n -> n > 1);
  }

  @Test
  void withoutRetriesEachChaosFailureSurfacesAsTheSdksException() {
    try (MixPayMock mock = MixPayMock.builder().seed(7).chaos(ChaosProfile.failing(0.8))
        .build().start()) {
      MixPayClient once = MixPayClient.builder().baseUrl(mock.baseUrl())
          .retryPolicy(RetryPolicy.none()).build();
      List<String> seen = new ArrayList<>();
      List<String> resetOrders = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String orderId = "order-once-" + i;
        try {
          once.createOneTimePayment(Fixtures.minimal(orderId).build());
          seen.add("ok");
        } catch (MixPayRateLimitException e) {
          seen.add("rate-limited " + e.code() + " " + e.retryAfter().orElseThrow());
        } catch (MixPayServerException e) {
          seen.add("server " + e.code() + " " + e.httpStatus());
        } catch (MixPayTransportException e) {
          seen.add("transport");
          resetOrders.add(orderId);
        }
      }

      assertThat(seen).contains("ok", "rate-limited 1429 PT1S", "server -1 500",
          "server 10008 503", "transport");
      // A reset came after the payment was created: a patient retry finds that very payment.
      String orderId = resetOrders.get(0);
      CreatedPayment created = mock.payments().stream()
          .filter(p -> p.orderId().equals(orderId)).findFirst().orElseThrow();
      MixPayClient patient = MixPayClient.builder().baseUrl(mock.baseUrl())
          .retryPolicy(PATIENT).build();
      assertThat(patient.createOneTimePayment(Fixtures.minimal(orderId).build()).code()
          .toString()).isEqualTo(created.code());
      assertThat(mock.payments().stream().filter(p -> p.orderId().equals(orderId)))
          .hasSize(1);
    }
  }
}
