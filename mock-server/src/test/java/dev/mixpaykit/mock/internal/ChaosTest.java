package dev.mixpaykit.mock.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mixpaykit.mock.ChaosProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decisions themselves: fractions, latency distribution, independence from interleaving. */
class ChaosTest {

  private static ObjectNode order(String orderId) {
    return JsonNodeFactory.instance.objectNode().put("payeeId", "p").put("orderId", orderId);
  }

  @Test
  void theFractionsAndTheLatencyDistributionAreWhatTheProfileSays() {
    Chaos chaos = new Chaos(ChaosProfile.builder().serverErrors(0.1).maintenance(0.2)
        .rateLimited(0.05).resetsAfterCreate(0.15)
        .latency(Duration.ofMillis(40), Duration.ofMillis(400)).build(), 1234);
    int n = 20_000;
    int[] counts = new int[5];
    List<Long> delays = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Chaos.Decision d = chaos.decide("createOneTimePayment", order("o-" + i));
      switch (d.errorCode()) {
        case -1 -> counts[0]++;
        case 10008 -> counts[1]++;
        case 1429 -> counts[2]++;
        default -> counts[d.reset() ? 3 : 4]++;
      }
      delays.add(d.delayMs());
    }
    // Binomial standard deviations at n = 20000 are below 0.3 %; 1 % is far outside chance.
    assertThat(counts[0] / (double) n).isBetween(0.09, 0.11);
    assertThat(counts[1] / (double) n).isBetween(0.19, 0.21);
    assertThat(counts[2] / (double) n).isBetween(0.04, 0.06);
    assertThat(counts[3] / (double) n).isBetween(0.14, 0.16);
    Collections.sort(delays);
    assertThat(delays.get(n / 2)).isBetween(37L, 43L);
    assertThat(delays.get(n * 99 / 100)).isBetween(340L, 460L);
    assertThat(delays.get(n - 1)).isLessThanOrEqualTo(4000L);
  }

  @Test
  void aDecisionDependsOnTheRequestAndItsRepeatsNotOnWhatCameBetween() {
    ChaosProfile profile = ChaosProfile.failing(0.5);
    Chaos a = new Chaos(profile, 99);
    Chaos b = new Chaos(profile, 99);
    List<Chaos.Decision> alone = new ArrayList<>();
    List<Chaos.Decision> interleaved = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      alone.add(a.decide("createOneTimePayment", order("mine")));
      b.decide("createOneTimePayment", order("other-" + i)); // someone else's traffic
      interleaved.add(b.decide("createOneTimePayment", order("mine")));
    }
    assertThat(interleaved).isEqualTo(alone);
    assertThat(alone.stream().map(Chaos.Decision::errorCode).distinct().count())
        .as("a repeat gets a fresh draw").isGreaterThan(1);

    a.reset();
    assertThat(a.decide("createOneTimePayment", order("mine"))).isEqualTo(alone.get(0));
  }
}
