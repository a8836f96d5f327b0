package dev.mixpaykit.mock.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The mock's one clock and the actions due on it (payment expiries, callback attempts).
 *
 * <p>Time is the base clock's plus an offset, or frozen at one instant. Due actions run one at
 * a time, in the order of their due time (then of scheduling): on a worker thread as time
 * passes by itself, or on the caller's thread when {@link #moveTo} moves time on. Moving time
 * steps it to each due action's time in turn and runs the action there, so what an action
 * records (a callback's {@code sentAt}) is its scheduled time, and actions it schedules within
 * the move run in the same move.
 */
public final class Timeline extends Clock {

  /** Longest the worker sleeps without looking at the clock again (the base may be odd). */
  private static final long MAX_WAIT_MS = 200;

  private record Task(long dueMs, long seq, Runnable action) {}

  private final Clock base;
  private final Object lock = new Object();
  // Guarded by lock.
  private boolean frozen;
  private long frozenAtMs;
  private long offsetMs;
  private long seq;
  private boolean stopped;
  private Thread worker;
  private final PriorityQueue<Task> queue = new PriorityQueue<>((a, b) -> a.dueMs != b.dueMs
      ? Long.compare(a.dueMs, b.dueMs) : Long.compare(a.seq, b.seq));
  // Held while an action runs: actions never overlap, and a move waits for a running one.
  private final ReentrantLock running = new ReentrantLock();

  public Timeline(Clock base) {
    this.base = base;
  }

  @Override
  public long millis() {
    synchronized (lock) {
      return nowLocked();
    }
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  public boolean isFrozen() {
    synchronized (lock) {
      return frozen;
    }
  }

  /** Stops time where it is. */
  public void freeze() {
    synchronized (lock) {
      if (!frozen) {
        frozenAtMs = nowLocked();
        frozen = true;
      }
    }
  }

  /** Lets time flow again at the base clock's pace, from where it stands. */
  public void resume() {
    synchronized (lock) {
      if (frozen) {
        offsetMs = frozenAtMs - base.millis();
        frozen = false;
        lock.notifyAll();
      }
    }
  }

  /**
   * Moves time to {@code targetMs}, running every action due by then, in order, each at its
   * own due time; returns when they have all run. Backwards, nothing runs.
   */
  public void moveTo(long targetMs) {
    running.lock();
    try {
      while (true) {
        Task next;
        synchronized (lock) {
          next = queue.peek();
          if (next == null || next.dueMs > targetMs) {
            setLocked(targetMs);
            return;
          }
          queue.poll();
          if (next.dueMs > nowLocked()) {
            setLocked(next.dueMs);
          }
        }
        run(next);
      }
    } finally {
      running.unlock();
    }
  }

  /** Runs every action already due, in order, on this thread; time stays where it is. */
  public void runDue() {
    running.lock();
    try {
      while (true) {
        Task next;
        synchronized (lock) {
          next = dueLocked() ? queue.poll() : null;
        }
        if (next == null) {
          return;
        }
        run(next);
      }
    } finally {
      running.unlock();
    }
  }

  /** Moves time on by {@code deltaMs} from where it stands when no action is running. */
  public void advance(long deltaMs) {
    running.lock();
    try {
      moveTo(Math.addExact(millis(), deltaMs));
    } finally {
      running.unlock();
    }
  }

  /** Runs {@code action} once time reaches {@code dueMs} (at once if it has). */
  public void schedule(long dueMs, Runnable action) {
    synchronized (lock) {
      if (stopped) {
        return;
      }
      queue.add(new Task(dueMs, seq++, action));
      if (worker == null) {
        // Started on first use: most mocks never schedule anything.
        worker = new Thread(this::work, "mixpay-mock-timeline");
        worker.setDaemon(true);
        worker.start();
      }
      lock.notifyAll();
    }
  }

  /** Drops every pending action and puts time back on the base clock. */
  public void reset() {
    synchronized (lock) {
      queue.clear();
      frozen = false;
      offsetMs = 0;
      lock.notifyAll();
    }
  }

  /** Drops every pending action and stops the worker. */
  public void shutdown() {
    synchronized (lock) {
      stopped = true;
      queue.clear();
      lock.notifyAll();
    }
  }

  private long nowLocked() {
    return frozen ? frozenAtMs : base.millis() + offsetMs;
  }

  private void setLocked(long ms) {
    if (frozen) {
      frozenAtMs = ms;
    } else {
      offsetMs = ms - base.millis();
    }
    lock.notifyAll();
  }

  private void work() {
    while (true) {
      synchronized (lock) {
        try {
          while (!stopped && !dueLocked()) {
            Task next = queue.peek();
            long wait = next == null || frozen ? 0
                : Math.min(MAX_WAIT_MS, Math.max(1, next.dueMs - nowLocked()));
            lock.wait(wait);
          }
        } catch (InterruptedException e) {
          return;
        }
        if (stopped) {
          return;
        }
      }
      running.lock();
      try {
        Task next;
        synchronized (lock) {
          // A move may have run it meanwhile.
          next = dueLocked() ? queue.poll() : null;
        }
        if (next != null) {
          run(next);
        }
      } finally {
        running.unlock();
      }
    }
  }

  private boolean dueLocked() {
    Task next = queue.peek();
    return next != null && next.dueMs <= nowLocked();
  }

  private static void run(Task task) {
    try {
      task.action().run();
    } catch (RuntimeException e) {
      // One broken action must not stop the others (nor the worker).
    }
  }
}
