package dev.mixpaykit.mock.internal;

/**
 * Which HTTP status error envelopes go out under: the spec's mapping (400, 404, 409, 429, 500,
 * 503), or HTTP 200 for every one, as some of MixPay's deployments answer. Switchable while
 * the mock runs.
 */
public final class ErrorStyle {

  private volatile boolean http200;

  public ErrorStyle(boolean http200) {
    this.http200 = http200;
  }

  public boolean http200() {
    return http200;
  }

  public void http200(boolean on) {
    this.http200 = on;
  }

  /** The status an error envelope with this mapped status goes out under. */
  int status(int mapped) {
    return http200 ? 200 : mapped;
  }
}
