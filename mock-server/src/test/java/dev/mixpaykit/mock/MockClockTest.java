package dev.mixpaykit.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test owns the mock's clock: expiry, callbacks, rate limit and dates follow it. */
class MockClockTest {

  static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();

  private static MixPayMock frozenMock() {
    return MixPayMock.builder().clock(Clock.fixed(T0, ZoneOffset.UTC))
        .allowPlainHttpCallbacks(true).build().start();
  }

  @Test
  void advancingWalksMixPaysWholeCallbackScheduleAndEachAttemptHasItsTime() {
    try (MixPayMock mock = frozenMock(); Shop shop = new Shop(() -> 500)) {
      String code = code(create(mock, "order-clock-1", shop.callbackUrl(), null));

      mock.payInFull(code);
      mock.clock().advance(Duration.ZERO); // starts what is due now: the first attempt
      assertThat(settled(mock)).extracting(CallbackAttempt::sentAt).containsExactly(T0);

      mock.clock().advance(Duration.ofHours(5));

      // MixPay's schedule: 0, 15, 15, 30, 180, 1800 x4, 3600 s after the previous attempt.
      List<Instant> expected = new ArrayList<>();
      long at = 0;
      for (long delay : new long[] {0, 15, 15, 30, 180, 1800, 1800, 1800, 1800, 3600}) {
        at += delay;
        expected.add(T0.plusSeconds(at));
      }
      assertThat(settled(mock)).extracting(CallbackAttempt::sentAt)
          .containsExactlyElementsOf(expected);
      assertThat(settled(mock)).extracting(CallbackAttempt::attempt)
          .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
      assertThat(settled(mock)).extracting(CallbackAttempt::httpStatus)
          .containsOnly(500);
      assertThat(shop.received).hasSize(10);
      assertThat(mock.clock().instant()).isEqualTo(T0.plus(Duration.ofHours(5)));
    }
  }

  @Test
  void anAcceptedAttemptEndsTheSchedule() {
    int[] answers = {500, 500, 200};
    int[] next = {0};
    try (MixPayMock mock = frozenMock();
        Shop shop = new Shop(() -> answers[Math.min(next[0]++, 2)])) {
      mock.payInFull(code(create(mock, "order-clock-2", shop.callbackUrl(), null)));

      mock.clock().advance(Duration.ofHours(5));

      assertThat(settled(mock)).extracting(CallbackAttempt::sentAt)
          .containsExactly(T0, T0.plusSeconds(15), T0.plusSeconds(30));
      assertThat(settled(mock)).extracting(CallbackAttempt::accepted)
          .containsExactly(false, false, true);
    }
  }

  @Test
  void aPaymentExpiresWhenTheClockPassesItsDeadlineAndItsCallbackGoesOutThen() {
    try (MixPayMock mock = frozenMock(); Shop shop = new Shop(() -> 200)) {
      long deadline = T0.plusSeconds(600).getEpochSecond();
      String code = code(create(mock, "order-clock-3", shop.callbackUrl(), deadline));

      mock.clock().advance(Duration.ofSeconds(599));
      assertThat(settled(mock)).isEmpty();

      mock.clock().advance(Duration.ofSeconds(1));
      // Read the callbacks first: the expiry ran on the clock, not on this read.
      assertThat(settled(mock)).extracting(CallbackAttempt::event, CallbackAttempt::sentAt)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("fail", T0.plusSeconds(600)));
      CreatedPayment expired = mock.payments().get(0);
      assertThat(expired.code()).isEqualTo(code);
      assertThat(expired.status()).isEqualTo(PaymentStatus.FAILED);
      assertThat(expired.failure()).isEqualTo(Failure.OVERTIME);
    }
  }

  @Test
  void expiriesAndCallbacksRunInTimeOrderWithinOneAdvance() {
    try (MixPayMock mock = frozenMock(); Shop shop = new Shop(() -> 500)) {
      String paid = code(create(mock, "order-clock-4", shop.callbackUrl(), null));
      String late = code(create(mock, "order-clock-5", shop.callbackUrl(),
          T0.plusSeconds(20).getEpochSecond()));
      mock.payInFull(paid);

      mock.clock().advance(Duration.ofSeconds(31));

      assertThat(settled(mock)).extracting(a -> a.paymentCode() + "@"
          + (a.sentAt().getEpochSecond() - T0.getEpochSecond()))
          .containsExactly(paid + "@0", paid + "@15", late + "@20", paid + "@30");
    }
  }

  @Test
  void theRateLimitWindowFollowsTheClock() {
    try (MixPayMock mock = frozenMock()) {
      mock.rateLimit(2);
      assertThat(create(mock, "order-rl-1", null, null).statusCode()).isEqualTo(200);
      mock.clock().advance(Duration.ofSeconds(45));
      assertThat(create(mock, "order-rl-2", null, null).statusCode()).isEqualTo(200);
      HttpResponse<String> limited = create(mock, "order-rl-3", null, null);
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After")).hasValue("15");

      mock.clock().advance(Duration.ofSeconds(15));

      assertThat(create(mock, "order-rl-3", null, null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void timestampsAndResultDatesComeFromTheClock() throws Exception {
    try (MixPayMock mock = frozenMock()) {
      HttpResponse<String> created = create(mock, "order-clock-6", null, null);
      assertThat(JSON.readTree(created.body()).path("timestampMs").asLong())
          .isEqualTo(T0.toEpochMilli());

      mock.clock().advance(Duration.ofMinutes(30));
      mock.payInFull(code(created));
      JsonNode result = JSON.readTree(Shop.get(mock,
          "/v1/payments_result?traceId=" + code(created)).body());

      assertThat(result.path("data").path("date").asLong())
          .isEqualTo(T0.plus(Duration.ofMinutes(30)).getEpochSecond());
      assertThat(result.path("timestampMs").asLong())
          .isEqualTo(T0.plus(Duration.ofMinutes(30)).toEpochMilli());
      assertThat(mock.payments().get(0).createdAt()).isEqualTo(T0);
    }
  }

  @Test
  void theExpiredTimestampWindowIsMeasuredFromTheClock() {
    try (MixPayMock mock = frozenMock()) {
      mock.clock().advance(Duration.ofDays(1));
      long inAnHour = T0.plus(Duration.ofDays(1)).plusSeconds(3600).getEpochSecond();
      assertThat(create(mock, "order-clock-7", null, inAnHour).statusCode()).isEqualTo(200);
      // An hour after T0 is in the past for the mock now.
      assertThat(create(mock, "order-clock-8", null, T0.plusSeconds(3600).getEpochSecond())
          .statusCode()).isEqualTo(400);
    }
  }

  @Test
  void realTimeIsTheDefaultAndFreezeSetResumeWorkFromJava() {
    try (MixPayMock mock = MixPayMock.builder().build().start()) {
      MockClock clock = mock.clock();
      assertThat(clock.isFrozen()).isFalse();
      assertThat(Duration.between(clock.instant(), Instant.now()).abs())
          .isLessThan(Duration.ofSeconds(5));

      clock.freezeAt(T0);
      assertThat(clock.isFrozen()).isTrue();
      assertThat(clock.instant()).isEqualTo(T0);
      clock.set(T0.plusSeconds(10));
      assertThat(clock.instant()).isEqualTo(T0.plusSeconds(10));

      clock.resume();
      assertThat(clock.isFrozen()).isFalse();
      assertThat(clock.instant()).isBetween(T0.plusSeconds(10), T0.plusSeconds(70));
      assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
          .isInstanceOf(IllegalArgumentException.class);

      mock.reset();
      assertThat(Duration.between(clock.instant(), Instant.now()).abs())
          .isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void resetPutsTheClockBackAndDropsWhatWasDue() {
    try (MixPayMock mock = frozenMock(); Shop shop = new Shop(() -> 500)) {
      mock.payInFull(code(create(mock, "order-clock-9", shop.callbackUrl(), null)));
      mock.clock().advance(Duration.ofSeconds(20));
      assertThat(settled(mock)).hasSize(2);

      mock.reset();
      mock.clock().advance(Duration.ofHours(5));

      assertThat(settled(mock)).isEmpty();
      assertThat(shop.received).hasSize(2);
      assertThat(mock.clock().instant()).isEqualTo(T0.plus(Duration.ofHours(5)));
    }
  }

  @Test
  void theClockIsDrivenOverTheAdminApi() throws Exception {
    try (MixPayMock mock = MixPayMock.builder().allowPlainHttpCallbacks(true).build().start();
        Shop shop = new Shop(() -> 500)) {
      JsonNode set = JSON.readTree(Shop.admin(mock, "PUT", "/clock",
          "{\"frozen\":true,\"at\":\"2026-01-05T10:00:00Z\"}").body());
      assertThat(set.path("now").asText()).isEqualTo("2026-01-05T10:00:00Z");
      assertThat(set.path("frozen").asBoolean()).isTrue();

      mock.payInFull(code(create(mock, "order-clock-10", shop.callbackUrl(), null)));
      HttpResponse<String> advanced = Shop.admin(mock, "POST", "/clock/advance",
          "{\"by\":\"PT1M\"}");
      assertThat(advanced.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(advanced.body()).path("now").asText())
          .isEqualTo("2026-01-05T10:01:00Z");
      assertThat(settled(mock)).hasSize(4); // 0, 15, 30, 60 s

      assertThat(JSON.readTree(Shop.admin(mock, "POST", "/clock/advance", "{\"seconds\":180}")
          .body()).path("epochMs").asLong()).isEqualTo(T0.plusSeconds(240).toEpochMilli());
      assertThat(settled(mock)).hasSize(5);
      assertThat(JSON.readTree(Shop.admin(mock, "GET", "/clock", null).body())
          .path("now").asText()).isEqualTo("2026-01-05T10:04:00Z");

      assertThat(Shop.admin(mock, "POST", "/clock/advance", "{\"seconds\":-5}").statusCode())
          .isEqualTo(400);
      assertThat(Shop.admin(mock, "POST", "/clock/advance", "{\"by\":\"soon\"}").statusCode())
          .isEqualTo(400);
      assertThat(Shop.admin(mock, "PUT", "/clock", "{\"at\":\"yesterday\"}").statusCode())
          .isEqualTo(400);
      assertThat(Shop.admin(mock, "PUT", "/clock", "{\"frozen\":\"yes\"}").statusCode())
          .isEqualTo(400);
      HttpResponse<String> misspelt = Shop.admin(mock, "PUT", "/clock", "{\"epochMs\":5}");
      assertThat(misspelt.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(misspelt.body())).isEqualTo(JSON.readTree(
          "{\"error\":\"unknown field epochMs; the clock takes frozen and at\"}"));
      assertThat(Shop.admin(mock, "PUT", "/clock", "{}").statusCode()).isEqualTo(400);

      JsonNode resumed = JSON.readTree(Shop.admin(mock, "PUT", "/clock", "{\"frozen\":false}")
          .body());
      assertThat(resumed.path("frozen").asBoolean()).isFalse();
    }
  }

  /** The attempts once every one due by now is decided: moving the clock only starts them. */
  static List<CallbackAttempt> settled(MixPayMock mock) {
    return mock.awaitCallbacks(Duration.ofSeconds(10));
  }

  static HttpResponse<String> create(MixPayMock mock, String orderId, String callbackUrl,
      Long expiredTimestamp) {
    Map<String, Object> fields = Contract.minimal(orderId);
    if (callbackUrl != null) {
      fields.put("callbackUrl", callbackUrl);
    }
    if (expiredTimestamp != null) {
      fields.put("expiredTimestamp", expiredTimestamp);
    }
    return Shop.create(mock, fields);
  }

  static String code(HttpResponse<String> created) {
    try {
      JsonNode body = JSON.readTree(created.body());
      assertThat(body.path("code").asInt()).as(created.body()).isZero();
      return body.path("data").path("code").asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
