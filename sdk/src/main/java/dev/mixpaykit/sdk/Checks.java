package dev.mixpaykit.sdk;

import java.time.Duration;
import java.util.Objects;

/** Argument checks shared by the builders. */
final class Checks {

  private Checks() {}

  static Duration positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
    return d;
  }
}
