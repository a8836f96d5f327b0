package dev.mixpaykit.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** One seed, one run: codes, timestamps under a frozen clock and chaos decisions repeat. */
class SeedAndChaosTest {

  private static MixPayMock.Builder seeded(long seed) {
    return MixPayMock.builder().seed(seed).clock(Clock.fixed(MockClockTest.T0, ZoneOffset.UTC));
  }

  /** Each answer as text: the status and body, or "reset" when the connection was reset. */
  private static List<String> createAll(MixPayMock mock, int orders) {
    List<String> answers = new ArrayList<>();
    for (int i = 0; i < orders; i++) {
      String orderId = "order-seed-" + i;
      answers.add(outcome(() -> Shop.create(mock, Contract.minimal(orderId))));
    }
    return answers;
  }

  private static String outcome(java.util.function.Supplier<HttpResponse<String>> call) {
    try {
      HttpResponse<String> r = call.get();
      return r.statusCode() + " " + r.headers().firstValue("Retry-After").orElse("-") + " "
          + r.body();
    } catch (UncheckedIOException e) {
      return "reset";
    }
  }

  @Test
  void twoMocksWithTheSameSeedAnswerTheSameBytes() {
    try (MixPayMock a = seeded(42).build().start(); MixPayMock b = seeded(42).build().start();
        MixPayMock other = seeded(43).build().start()) {
      List<String> first = createAll(a, 5);
      List<String> second = createAll(b, 5);

      assertThat(second).isEqualTo(first); // codes and timestampMs alike
      assertThat(first).allSatisfy(answer -> assertThat(answer).matches(
          "200 - \\{\"code\":0,\"success\":true,\"message\":\"\",\"data\":\\{\"code\":\""
              + "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\"\\},"
              + "\"timestampMs\":" + MockClockTest.T0.toEpochMilli() + "\\}"));
      assertThat(first).doesNotHaveDuplicates();
      assertThat(createAll(other, 5)).doesNotContainAnyElementsOf(first);
      assertThat(a.seed()).isEqualTo(42);
    }
  }

  @Test
  void resetStartsTheCodesOfASeededMockAgain() {
    try (MixPayMock mock = seeded(42).build().start()) {
      List<String> before = createAll(mock, 3);
      mock.reset();
      assertThat(createAll(mock, 3)).isEqualTo(before);
    }
  }

  @Test
  void chaosDecisionsRepeatWithTheSeedAndCoverEveryFailure() {
    ChaosProfile chaos = ChaosProfile.failing(0.6);
    try (MixPayMock a = seeded(7).chaos(chaos).build().start();
        MixPayMock b = seeded(7).chaos(chaos).build().start();
        MixPayMock other = seeded(8).chaos(chaos).build().start()) {
      List<String> first = createAll(a, 60);
      List<String> second = createAll(b, 60);

      assertThat(second).isEqualTo(first);
      assertThat(createAll(other, 60)).isNotEqualTo(first);
      Map<String, Long> kinds = first.stream().collect(Collectors.groupingBy(
          answer -> answer.startsWith("reset") ? "reset" : answer.substring(0, 5),
          Collectors.counting()));
      assertThat(kinds.keySet()).containsExactlyInAnyOrder("200 -", "500 -", "503 -", "429 1",
          "reset");
      assertThat(first).filteredOn(x -> x.startsWith("500")).allSatisfy(x ->
          assertThat(x).contains("\"code\":-1,"));
      assertThat(first).filteredOn(x -> x.startsWith("503")).allSatisfy(x ->
          assertThat(x).contains("\"code\":10008,"));
      assertThat(first).filteredOn(x -> x.startsWith("429")).allSatisfy(x ->
          assertThat(x).contains("\"code\":1429,"));
      // A reset happens after the payment was created; the refusals create nothing.
      assertThat(a.payments()).hasSize((int) (kinds.get("200 -") + kinds.get("reset")));
    }
  }

  @Test
  void retriesUnderChaosStillYieldOnePaymentPerOrder() {
    try (MixPayMock mock = seeded(11).chaos(ChaosProfile.failing(0.8)).build().start()) {
      Map<String, String> codes = new HashMap<>();
      int failures = 0;
      for (int i = 0; i < 20; i++) {
        String orderId = "order-retry-" + i;
        for (int attempt = 1; !codes.containsKey(orderId); attempt++) {
          assertThat(attempt).as("attempts for " + orderId).isLessThan(60);
          String answer = outcome(() -> Shop.create(mock, Contract.minimal(orderId)));
          if (answer.startsWith("200")) {
            codes.put(orderId, answer.replaceAll(".*\"data\":\\{\"code\":\"([^\"]+)\".*", "$1"));
          } else {
            failures++;
          }
        }
      }

      assertThat(failures).isGreaterThan(20);
      assertThat(mock.payments()).hasSize(20);
      assertThat(mock.payments().stream().collect(Collectors.toMap(CreatedPayment::orderId,
          CreatedPayment::code))).isEqualTo(codes);
    }
  }

  @Test
  void testControlsTakePrecedenceOverChaos() {
    try (MixPayMock mock = seeded(3).chaos(ChaosProfile.builder().serverErrors(1).build())
        .build().start()) {
      mock.failNext(RequestMatch.orderId("order-ctl"), 10020);
      assertThat(outcome(() -> Shop.create(mock, Contract.minimal("order-ctl"))))
          .startsWith("409 -");
      assertThat(outcome(() -> Shop.create(mock, Contract.minimal("order-ctl"))))
          .startsWith("500 -");

      mock.chaos(ChaosProfile.none());
      assertThat(outcome(() -> Shop.create(mock, Contract.minimal("order-ctl"))))
          .startsWith("200 -");
      mock.chaos(ChaosProfile.failing(1));
      mock.reset();
      assertThat(mock.chaos()).isEqualTo(ChaosProfile.builder().serverErrors(1).build());
    }
  }

  @Test
  void chaosIsSwitchedOverTheAdminApi() {
    try (MixPayMock mock = seeded(5).build().start()) {
      HttpResponse<String> set = Shop.admin(mock, "PUT", "/chaos",
          "{\"maintenance\":1,\"latencyMedianMs\":1,\"latencyP99Ms\":2}");
      assertThat(set.statusCode()).isEqualTo(200);
      assertThat(set.body()).isEqualTo("{\"serverErrors\":0.0,\"maintenance\":1.0,"
          + "\"rateLimited\":0.0,\"resetsAfterCreate\":0.0,\"retryAfterSeconds\":1,"
          + "\"latencyMedianMs\":1,\"latencyP99Ms\":2,\"seed\":5}");
      assertThat(outcome(() -> Shop.create(mock, Contract.minimal("order-admin"))))
          .startsWith("503 -");

      assertThat(Shop.admin(mock, "PUT", "/chaos", "{\"fraction\":0.5}").body())
          .startsWith("{\"serverErrors\":0.125,\"maintenance\":0.125,");
      assertThat(Shop.admin(mock, "PUT", "/chaos", "{\"serverErrors\":2}").statusCode())
          .isEqualTo(400);
      assertThat(Shop.admin(mock, "PUT", "/chaos", "{\"colour\":0.1}").statusCode())
          .isEqualTo(400);
      assertThat(Shop.admin(mock, "PUT", "/chaos", "{\"serverErrors\":\"many\"}").statusCode())
          .isEqualTo(400);
      assertThat(Shop.admin(mock, "PUT", "/chaos", "[]").statusCode()).isEqualTo(400);

      assertThat(Shop.admin(mock, "DELETE", "/chaos", null).statusCode()).isEqualTo(200);
      assertThat(mock.chaos().isNone()).isTrue();
      assertThat(outcome(() -> Shop.create(mock, Contract.minimal("order-admin"))))
          .startsWith("200 -");
    }
  }

  @Test
  void theProfileReadsItsTextFormAndRefusesNonsense() {
    assertThat(ChaosProfile.parse("0.4")).isEqualTo(ChaosProfile.failing(0.4));
    ChaosProfile p = ChaosProfile.parse("serverErrors=0.1, rateLimited=0.2,retryAfterSeconds=3,"
        + "latencyMedianMs=20,latencyP99Ms=200");
    assertThat(p.toString()).isEqualTo("serverErrors=0.1,maintenance=0.0,rateLimited=0.2,"
        + "resetsAfterCreate=0.0,retryAfterSeconds=3,latencyMedianMs=20,latencyP99Ms=200");
    assertThat(ChaosProfile.parse(p.toString())).isEqualTo(p);

    Function<String, String> refusal = text -> {
      try {
        ChaosProfile.parse(text);
        return "accepted";
      } catch (IllegalArgumentException e) {
        return e.getMessage();
      }
    };
    assertThat(refusal.apply("1.5")).isEqualTo(
        "chaos: chaos must be a fraction from 0 to 1, got 1.5");
    assertThat(refusal.apply("lots")).isEqualTo(
        "chaos: chaos must be a fraction from 0 to 1, got 'lots'");
    assertThat(refusal.apply("serverErrors=0.6,maintenance=0.6")).isEqualTo(
        "chaos: the fractions add up to 1.200, more than 1");
    assertThat(refusal.apply("colour=1")).startsWith("chaos: unknown key 'colour'");
    assertThat(refusal.apply("serverErrors")).isEqualTo(
        "chaos: chaos must be a fraction from 0 to 1, got 'serverErrors'");
    assertThat(refusal.apply("latencyMedianMs=50,latencyP99Ms=10")).isEqualTo(
        "chaos: latency needs 0 <= median <= p99");
    assertThat(refusal.apply("NaN")).isEqualTo(
        "chaos: chaos must be a fraction from 0 to 1, got NaN");
    assertThatThrownBy(() -> ChaosProfile.builder().serverErrors(-0.1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theCommandLineRefusesABadSeedClockOrChaos() throws Exception {
    for (String[] args : List.of(new String[] {"--seed", "x"},
        new String[] {"--frozen-at", "yesterday"}, new String[] {"--chaos", "2"})) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      assertThat(Main.run(args, System.out, new PrintStream(err))).as(args[0]).isEqualTo(2);
      assertThat(err.toString()).startsWith("error: ").contains("Usage:");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Main.run(new String[] {"--help"}, new PrintStream(out), System.err);
    assertThat(out.toString()).contains("--seed N", "--frozen-at INSTANT", "--chaos SPEC");
  }

  @Test
  void aDelayedAnswerUnderAFrozenClockKeepsItsTimestamp() {
    try (MixPayMock mock = seeded(9).chaos(ChaosProfile.builder()
        .latency(Duration.ofMillis(5), Duration.ofMillis(10)).build()).build().start()) {
      assertThat(outcome(() -> Shop.create(mock, Contract.minimal("order-late"))))
          .endsWith("\"timestampMs\":" + MockClockTest.T0.toEpochMilli() + "}");
    }
  }
}
