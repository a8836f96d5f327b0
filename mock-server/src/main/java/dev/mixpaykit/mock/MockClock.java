package dev.mixpaykit.mock;

import dev.mixpaykit.mock.internal.Timeline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The mock's clock, owned by the test: it gives {@code timestampMs}, the
 * {@code expiredTimestamp} window and deadlines, the callback schedule, the rate-limit window
 * and result dates. It follows real time (or the clock given to
 * {@link MixPayMock.Builder#clock}) until a test freezes, sets or advances it.
 *
 * <pre>{@code
 * mock.clock().freeze();
 * mock.payInFull(code);                           // callback attempt 1 goes out now
 * mock.clock().advance(Duration.ofMinutes(30));   // attempts 2..5 (15 s, 30 s, 60 s, 240 s)
 * mock.awaitCallbacks(Duration.ofSeconds(5));     // their outcomes, recorded at those times
 * }</pre>
 *
 * <p>Moving the clock runs every action that falls due, in order and each at its own time,
 * before the call returns: payment expiries happen, and callback attempts <em>start</em>. It
 * never waits for the network: an attempt's HTTP exchange runs on real time (MixPay's 20 s
 * timeout, scaled), its outcome is recorded at the attempt's own mock time, and the next attempt
 * is due MixPay's delay after it, so a schedule that a move passed catches up as each exchange
 * ends. {@link MixPayMock#awaitCallbacks(Duration)} waits for those outcomes.
 *
 * <p>It is a {@link Clock} (UTC, millisecond precision), so code under test can share it, e.g.
 * an SDK client built with {@code .clock(mock.clock())}. {@link MixPayMock#reset()} puts it
 * back on its starting clock. Thread-safe.
 */
public final class MockClock extends Clock {

  private final Timeline timeline;

  MockClock(Timeline timeline) {
    this.timeline = timeline;
  }

  /** Stops time at the current instant; returns this. */
  public MockClock freeze() {
    timeline.freeze();
    return this;
  }

  /** Stops time at {@code instant} (running what falls due on the way there); returns this. */
  public MockClock freezeAt(Instant instant) {
    timeline.freeze();
    return set(instant);
  }

  /**
   * Sets the time to {@code instant}, frozen or flowing as it was; moving forward runs what
   * falls due on the way, moving back runs nothing. Returns this.
   */
  public MockClock set(Instant instant) {
    timeline.moveTo(Objects.requireNonNull(instant, "instant").toEpochMilli());
    return this;
  }

  /** Moves time on by {@code duration}, running what falls due, in order; returns this. */
  public MockClock advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("advance needs a duration of zero or more");
    }
    timeline.advance(duration.toMillis()); // concurrent advances add up
    return this;
  }

  /** Lets time flow again from the current instant; returns this. */
  public MockClock resume() {
    timeline.resume();
    return this;
  }

  /** True while time stands still. */
  public boolean isFrozen() {
    return timeline.isFrozen();
  }

  @Override
  public Instant instant() {
    return timeline.instant();
  }

  @Override
  public long millis() {
    return timeline.millis();
  }

  @Override
  public ZoneId getZone() {
    return timeline.getZone();
  }

  /** The same clock: the mock's time is UTC. */
  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public String toString() {
    return "MockClock[" + instant() + (isFrozen() ? ", frozen]" : "]");
  }
}
