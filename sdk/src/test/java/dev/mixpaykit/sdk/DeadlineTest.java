package dev.mixpaykit.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Deadlines that hold against a server that stalls mid-body. The elapsed-time bounds are
 * correctness bounds (the call ends rather than hanging), generous for a shared machine.
 */
class DeadlineTest {

  private static final Duration GENEROUS = Duration.ofSeconds(10);
  private static final String OK = "{\"code\":0,\"success\":true,\"message\":\"\",\"data\":{"
      + "\"code\":\"525502dd-e552-4505-b114-32fe32ff23c2\"},\"timestampMs\":1}";
  private static final String LIMITED =
      "{\"code\":1429,\"success\":false,\"message\":\"Too fast.\",\"data\":[],\"timestampMs\":1}";

  private static MixPayClient client(ScriptedServer server, Duration timeout, RetryPolicy retry) {
    return MixPayClient.builder().baseUrl(server.baseUrl()).requestTimeout(timeout)
        .retryPolicy(retry).build();
  }

  @Test
  void aBodyThatStallsAfterTheHeadersTimesOutWithinTheRequestTimeout() throws Exception {
    try (ScriptedServer server = new ScriptedServer(ScriptedServer.stalledBody(),
        ScriptedServer.stalledBody())) {
      MixPayClient client = client(server, Duration.ofMillis(500), RetryPolicy.none());

      long start = System.nanoTime();
      MixPayTimeoutException sync = catchThrowableOfType(MixPayTimeoutException.class,
          () -> client.createOneTimePayment(Fixtures.minimal("order-stall").build()));
      Duration syncElapsed = Duration.ofNanos(System.nanoTime() - start);

      start = System.nanoTime();
      CompletionException async = catchThrowableOfType(CompletionException.class,
          () -> client.createOneTimePaymentAsync(Fixtures.minimal("order-stall").build()).join());
      Duration asyncElapsed = Duration.ofNanos(System.nanoTime() - start);

      assertThat(sync).hasMessageContaining("within 500 ms");
      assertThat(syncElapsed).isLessThan(GENEROUS);
      assertThat(async).hasCauseInstanceOf(MixPayTimeoutException.class);
      assertThat(asyncElapsed).isLessThan(GENEROUS);
      assertThat(server.requests).hasValue(2);
    }
  }

  @Test
  void theRetryBudgetBoundsTheWholeCall() throws Exception {
    String[] stalls = new String[10];
    java.util.Arrays.fill(stalls, ScriptedServer.stalledBody());
    try (ScriptedServer server = new ScriptedServer(stalls)) {
      RetryPolicy budget = RetryPolicy.builder().maxAttempts(10).initialBackoff(Duration.ofMillis(1))
          .maxBackoff(Duration.ofMillis(1)).maxElapsed(Duration.ofMillis(1200)).build();
      MixPayClient client = client(server, Duration.ofMillis(500), budget);

      long start = System.nanoTime();
      catchThrowableOfType(MixPayTimeoutException.class,
          () -> client.getPaymentResult(UUID.randomUUID()));
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      CompletionException async = catchThrowableOfType(CompletionException.class,
          () -> client.getPaymentResultAsync(UUID.randomUUID()).join());

      assertThat(elapsed).isLessThan(GENEROUS);
      assertThat(async).hasCauseInstanceOf(MixPayTimeoutException.class);
      // 500 ms attempts in a 1200 ms budget: at most three each, never all ten.
      assertThat(server.requests.get()).isBetween(2, 6);
    }
  }

  @Test
  void retryAfterAsAnHttpDateIsRead() throws Exception {
    String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
        ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));
    try (ScriptedServer server = new ScriptedServer(
        ScriptedServer.answer(429, "Retry-After: " + inTenSeconds + "\r\n", LIMITED))) {
      MixPayRateLimitException e = catchThrowableOfType(MixPayRateLimitException.class,
          () -> client(server, Duration.ofSeconds(5), RetryPolicy.none())
              .createOneTimePayment(Fixtures.minimal("order-date").build()));

      assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d)
          .isBetween(Duration.ofSeconds(5), Duration.ofSeconds(11)));
    }
  }

  @Test
  void retryAfterInBothFormsIsHonouredWithinTheBudgetAndNotBeyondIt() throws Exception {
    String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(
        ZonedDateTime.now(ZoneOffset.UTC).minusSeconds(5));
    String farAhead = DateTimeFormatter.RFC_1123_DATE_TIME.format(
        ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
    RetryPolicy budget = RetryPolicy.builder().maxElapsed(Duration.ofSeconds(3)).build();
    try (ScriptedServer server = new ScriptedServer(
        ScriptedServer.answer(429, "Retry-After: " + past + "\r\n", LIMITED),
        ScriptedServer.answer(429, "Retry-After: 0\r\n", LIMITED),
        ScriptedServer.answer(200, "", OK),
        ScriptedServer.answer(429, "Retry-After: " + farAhead + "\r\n", LIMITED),
        ScriptedServer.answer(429, "Retry-After: 120\r\n", LIMITED))) {
      MixPayClient client = client(server, Duration.ofSeconds(5), budget);

      // A date already past and "0 seconds": retried at once, then it succeeds.
      assertThat(client.createOneTimePayment(Fixtures.minimal("order-ra-a").build()).code())
          .isEqualTo(UUID.fromString("525502dd-e552-4505-b114-32fe32ff23c2"));
      assertThat(server.requests).hasValue(3);

      // A minute ahead, in either form, is beyond the 3 s budget: the call ends at once.
      long start = System.nanoTime();
      catchThrowableOfType(MixPayRateLimitException.class,
          () -> client.createOneTimePayment(Fixtures.minimal("order-ra-b").build()));
      catchThrowableOfType(MixPayRateLimitException.class,
          () -> client.createOneTimePayment(Fixtures.minimal("order-ra-c").build()));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(GENEROUS);
      assertThat(server.requests).hasValue(5);
    }
  }
}
