package dev.mixpaykit.mock.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mixpaykit.mock.MovingClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  @Test
  void offByDefault() {
    assertThat(new RateLimiter(Clock.systemUTC()).acquire()).isNull();
  }

  @Test
  void nRequestsAMinuteThenRefusalsUntilTheWindowTurns() {
    MovingClock clock = new MovingClock(Instant.parse("2026-01-05T10:00:00Z"));
    RateLimiter limiter = new RateLimiter(clock);
    limiter.on(2);

    assertThat(limiter.acquire().remaining()).isEqualTo(1);
    assertThat(limiter.acquire().remaining()).isZero();
    clock.advance(Duration.ofSeconds(45));
    RateLimiter.Decision refused = limiter.acquire();
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds()).isEqualTo(15);

    clock.advance(Duration.ofSeconds(15));
    assertThat(limiter.acquire().allowed()).isTrue();
  }

  @Test
  void aLimitMustBePositive() {
    assertThatThrownBy(() -> new RateLimiter(Clock.systemUTC()).on(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
