package dev.mixpaykit.mock.internal;

import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Payment codes in UUID form (version 4 bits) from a seeded generator: the n-th code of a mock
 * is the same in every run with the same seed. {@link #restart()} starts the sequence again.
 */
public final class SeededCodes implements Supplier<String> {

  private final long seed;
  private SplittableRandom random;

  public SeededCodes(long seed) {
    this.seed = seed;
    this.random = new SplittableRandom(seed);
  }

  @Override
  public synchronized String get() {
    long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
    return new UUID(high, low).toString();
  }

  public synchronized void restart() {
    random = new SplittableRandom(seed);
  }
}
