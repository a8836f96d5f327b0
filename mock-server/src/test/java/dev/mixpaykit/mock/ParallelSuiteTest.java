package dev.mixpaykit.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Tests that run at the same time under JUnit's parallel execution, each with a mock of its
 * own. They all use one orderId with different amounts, queue controls for it, move their
 * clocks and receive callbacks: on one shared mock they would see each other's payments
 * (10020 conflicts), spend each other's controls and count each other's callbacks.
 */
@Execution(ExecutionMode.CONCURRENT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParallelSuiteTest {

  @RegisterExtension
  static MixPayMockExtension mixpay = MixPayMockExtension.isolated(MixPayMock.builder()
      .seed(2026).clock(Clock.fixed(MockClockTest.T0, ZoneOffset.UTC))
      .allowPlainHttpCallbacks(true));

  private static final String ORDER = "order-everyone-uses";
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger mostAtOnce = new AtomicInteger();
  private final CountDownLatch twoStarted = new CountDownLatch(2);
  private final AtomicInteger started = new AtomicInteger();
  private final Set<String> firstCodes = ConcurrentHashMap.newKeySet();

  /** Marks a test as running; the first two wait (with a deadline) until they overlap. */
  private void enter(MixPayMock mock) throws InterruptedException {
    mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
    started.incrementAndGet();
    twoStarted.countDown();
    twoStarted.await(10, TimeUnit.SECONDS);
    mostAtOnce.accumulateAndGet(running.get(), Math::max);
  }

  private void leave() {
    running.decrementAndGet();
  }

  @RepeatedTest(12)
  void paymentsControlsAndCallbacksStayWithTheirTest(MixPayMock mock, RepetitionInfo info)
      throws Exception {
    enter(mock);
    try (Shop shop = new Shop(() -> 500)) {
      BigDecimal amount = BigDecimal.valueOf(info.getCurrentRepetition());
      Map<String, Object> fields = Contract.minimal(ORDER);
      fields.put("quoteAmount", amount.toPlainString());
      fields.put("callbackUrl", shop.callbackUrl());

      mock.failNext(RequestMatch.orderId(ORDER), 10008);
      assertThat(Shop.create(mock, fields).statusCode()).isEqualTo(503);
      HttpResponse<String> created = Shop.create(mock, fields);
      String code = MockClockTest.code(created);
      firstCodes.add(code);

      assertThat(mock.payments()).singleElement().satisfies(p -> {
        assertThat(p.code()).isEqualTo(code);
        assertThat(p.quoteAmount()).isEqualByComparingTo(amount);
      });
      mock.payInFull(code);
      mock.clock().advance(Duration.ofSeconds(60)); // attempts at 0, 15, 30, 60 s
      assertThat(mock.awaitCallbacks(Duration.ofSeconds(10))).extracting(CallbackAttempt::paymentCode)
          .containsExactly(code, code, code, code);
      assertThat(shop.received).hasSize(4);
      assertThat(mock.clock().instant()).isEqualTo(MockClockTest.T0.plusSeconds(60));
      assertThat(mock.requests()).hasSize(2);
    } finally {
      leave();
    }
  }

  @RepeatedTest(6)
  void aRateLimitInOneTestLimitsOnlyThatTest(MixPayMock mock) throws Exception {
    enter(mock);
    try {
      mock.rateLimit(1);
      assertThat(Shop.create(mock, Contract.minimal(ORDER)).statusCode()).isEqualTo(200);
      assertThat(Shop.create(mock, Contract.minimal(ORDER)).statusCode()).isEqualTo(429);
      assertThat(mock.payments()).hasSize(1);
    } finally {
      leave();
    }
  }

  @RepeatedTest(6)
  void theExtensionFindsTheTestsOwnMockFromItsThread(MixPayMock mock) throws Exception {
    enter(mock);
    try {
      assertThat(mixpay.mock()).isSameAs(mock);
      assertThat(mixpay.baseUrl()).isEqualTo(mock.baseUrl());
      assertThat(mixpay.clock()).isSameAs(mock.clock());
      mock.clock().advance(Duration.ofDays(3));
      assertThat(Shop.create(mock, Contract.minimal(ORDER)).statusCode()).isEqualTo(200);
      assertThat(mock.payments()).singleElement()
          .satisfies(p -> assertThat(p.createdAt()).isEqualTo(
              MockClockTest.T0.plus(Duration.ofDays(3))));
    } finally {
      leave();
    }
  }

  @AfterAll
  void theyRanAtTheSameTimeOnMocksOfTheirOwn() {
    assertThat(mostAtOnce.get()).as("tests running at once").isGreaterThanOrEqualTo(2);
    assertThat(started).as("tests run").hasValue(24);
    // Same seed, fresh mock each time: every test's first code is the same.
    assertThat(firstCodes).hasSize(1);
  }
}
