package dev.mixpaykit.sdk;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The request breaks rules of the spec; it was not sent. Lists every violation, not just the
 * first, so one fix-and-retry is enough.
 */
public final class MixPayValidationException extends MixPayException {

  /**
   * One broken rule.
   *
   * @param field the spec's field name, e.g. {@code remark}; {@code orderId/traceId} for the
   *     rule that needs one of them
   * @param rule the rule, in the spec's terms, e.g. {@code size must be between 0 and 50}; a
   *     pattern in the plain words the spec gives it ({@code x-mixpay-pattern-rule}), e.g.
   *     {@code must be 6 to 36 letters, digits, '-' or '_'}, never as a regex
   */
  public record Violation(String field, String rule) {
    @Override
    public String toString() {
      return field + ": " + rule;
    }
  }

  private final List<Violation> violations;

  MixPayValidationException(List<Violation> violations) {
    super("invalid request: " + violations.stream().map(Violation::toString)
        .collect(Collectors.joining("; ")), null);
    this.violations = List.copyOf(violations);
  }

  /** Every violation, sorted by field. */
  public List<Violation> violations() {
    return violations;
  }
}
