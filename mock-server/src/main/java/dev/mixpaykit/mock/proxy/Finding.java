package dev.mixpaykit.mock.proxy;

import java.time.Instant;

/**
 * One way in which MixPay and the spec disagree, with how often it was seen. Identical
 * disagreements (same operation, side, place, rule and kind of value) are one finding.
 *
 * @param operation the spec's {@code operationId}, e.g. {@code createOneTimePayment}
 * @param side whether the request or the answer breaks the spec
 * @param pointer a JSON pointer into the body ({@code /data/quoteAmount}); request fields,
 *     form or JSON or query, are addressed as one object; {@code ""} is the exchange as a whole
 * @param rule what kind of rule: a JSON Schema keyword ({@code type}, {@code required},
 *     {@code pattern} ...) or {@code status}, {@code content-type}, {@code json},
 *     {@code catalogue}, {@code status-mapping}, {@code traceId-is-code}, {@code idempotency},
 *     {@code upstream}, {@code request}, {@code accepted} (MixPay took a request the spec
 *     refuses), {@code checker} (the check itself failed: a fault to report)
 * @param expected what the spec says, in its own terms
 * @param seen what was seen: a JSON type, {@code missing}, an HTTP status, or a value that
 *     identifies nobody (an error code, a payment status)
 * @param count how many exchanges showed it
 * @param firstSeen when it was first seen
 * @param lastSeen when it was last seen
 * @param example the first value seen, only when reports may carry values; otherwise null
 */
public record Finding(String operation, Side side, String pointer, String rule, String expected,
    String seen, long count, Instant firstSeen, Instant lastSeen, String example) {

  /** Which half of an exchange a finding is about. */
  public enum Side {
    REQUEST, ANSWER;

    /** {@code request} or {@code answer}, as in the reports. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** {@code createOneTimePayment answer /data/quoteAmount type: expected ..., seen ...}. */
  @Override
  public String toString() {
    return operation + " " + side.label() + " " + (pointer.isEmpty() ? "(whole)" : pointer)
        + " " + rule + ": expected " + expected + ", seen " + seen + " (" + count + "x)";
  }
}
