package dev.mixpaykit.mock.internal;

/** One broken rule: the field, the rule in the spec's words, and the code it answers. */
public record Violation(String field, String rule, int code) {

  @Override
  public String toString() {
    return field + ": " + rule;
  }
}
