package dev.mixpaykit.mock.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private static final class Moving extends Clock {
    Instant now = Instant.parse("2026-01-05T10:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void offByDefault() {
    assertThat(new RateLimiter(Clock.systemUTC()).acquire()).isNull();
  }

  @Test
  void nRequestsAMinuteThenRefusalsUntilTheWindowTurns() {
    Moving clock = new Moving();
    RateLimiter limiter = new RateLimiter(clock);
    limiter.on(2);

    assertThat(limiter.acquire().remaining()).isEqualTo(1);
    assertThat(limiter.acquire().remaining()).isZero();
    clock.now = clock.now.plus(Duration.ofSeconds(45));
    RateLimiter.Decision refused = limiter.acquire();
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds()).isEqualTo(15);

    clock.now = clock.now.plus(Duration.ofSeconds(15));
    assertThat(limiter.acquire().allowed()).isTrue();
  }

  @Test
  void aLimitMustBePositive() {
    assertThatThrownBy(() -> new RateLimiter(Clock.systemUTC()).on(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
