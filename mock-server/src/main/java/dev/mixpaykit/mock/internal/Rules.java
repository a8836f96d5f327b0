package dev.mixpaykit.mock.internal;

import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.math.BigInteger;

/** The reading rules' wording and their checks, shared by every encoding. */
final class Rules {

  static final String GIVEN_TWICE = "is given more than once";
  static final String WHOLE_NUMBER = "must be a whole number, like 3600";
  static final String TRUE_OR_FALSE = "must be true or false (1 or 0 in a form)";
  static final String PLAIN_DECIMAL = "must be a decimal number in plain notation, like 10 or 0.5";

  private static final BigInteger INT32_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
  private static final BigInteger INT32_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
  private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private Rules() {}

  /** Null when {@code text} is a plain decimal within {@code bounds}; else the broken rule. */
  static String decimalProblem(String text, SpecModel.DecimalBounds bounds) {
    int n = text.length();
    int i = n > 0 && text.charAt(0) == '-' ? 1 : 0;
    int point = -1;
    int digitsBefore = 0;
    boolean leading = true;
    if (i == n) {
      return PLAIN_DECIMAL;
    }
    for (int k = i; k < n; k++) {
      char c = text.charAt(k);
      if (c == '.' && point < 0 && k > i && k < n - 1) {
        point = k;
      } else if (c < '0' || c > '9') {
        return PLAIN_DECIMAL;
      } else if (point < 0) {
        leading &= c == '0';
        if (!leading) {
          digitsBefore++;
        }
      }
    }
    int digitsAfter = 0;
    if (point >= 0) {
      int last = n - 1;
      while (last > point && text.charAt(last) == '0') {
        last--;
      }
      digitsAfter = last - point;
    }
    if (digitsBefore > bounds.maxIntegerDigits()) {
      return "must have at most " + bounds.maxIntegerDigits()
          + " digits before the decimal point";
    }
    if (digitsAfter > bounds.maxFractionDigits()) {
      return bounds.maxFractionDigits() == 0 ? "must be a whole number"
          : "must have at most " + bounds.maxFractionDigits() + " digits after the decimal point";
    }
    return null;
  }

  /**
   * Null when the whole number {@code text} fits its format (int32, int64; int64 when none);
   * else the bound it breaks, in the schema's own terms when the schema has one.
   */
  static String integerRangeProblem(String text, String format, Schema<?> schema) {
    boolean int32 = "int32".equals(format);
    BigInteger min = int32 ? INT32_MIN : INT64_MIN;
    BigInteger max = int32 ? INT32_MAX : INT64_MAX;
    // Twenty digits already exceed every format: no need to build a huge number.
    String digits = text.startsWith("-") ? text.substring(1) : text;
    // Leading zeros do not count (a loop, not a regex: this runs on every integer field).
    int zeros = 0;
    while (zeros < digits.length() - 1 && digits.charAt(zeros) == '0') {
      zeros++;
    }
    digits = digits.substring(zeros);
    boolean tooLong = digits.length() > 19;
    BigInteger value = tooLong ? null : new BigInteger(text);
    boolean below = text.startsWith("-") && (tooLong || value.compareTo(min) < 0);
    boolean above = !text.startsWith("-") && (tooLong || value.compareTo(max) > 0);
    if (!below && !above) {
      return null;
    }
    if (above) {
      BigDecimal schemaMax = schema == null ? null : schema.getMaximum();
      return "must be at most " + (schemaMax != null ? schemaMax.toPlainString() : max);
    }
    BigDecimal schemaMin = schema == null ? null : schema.getMinimum();
    return "must be at least " + (schemaMin != null ? schemaMin.toPlainString() : min);
  }
}
