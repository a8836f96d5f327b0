package dev.mixpaykit.mock.internal;

/**
 * Expires payments as the mock's clock passes their deadlines: one alarm on the timeline, set
 * for the soonest deadline, rather than one action per payment (a load test creates millions).
 */
public final class ExpiryAlarm {

  private final Timeline timeline;
  private final PaymentStore payments;
  private long armedAt = Long.MAX_VALUE;

  public ExpiryAlarm(Timeline timeline, PaymentStore payments) {
    this.timeline = timeline;
    this.payments = payments;
    payments.onDeadline(this::wakeAt);
  }

  /** Makes sure something wakes at {@code deadlineMs}. */
  public synchronized void wakeAt(long deadlineMs) {
    if (deadlineMs < armedAt) {
      armedAt = deadlineMs;
      timeline.schedule(deadlineMs, this::ring);
    }
  }

  private void ring() {
    synchronized (this) {
      armedAt = Long.MAX_VALUE;
    }
    long next = payments.expireDue();
    if (next != Long.MAX_VALUE) {
      wakeAt(next);
    }
  }

  /** After the timeline dropped its actions: nothing is armed. */
  public synchronized void clear() {
    armedAt = Long.MAX_VALUE;
  }
}
