package dev.mixpaykit.sdk;

import dev.mixpaykit.sdk.MixPayValidationException.Violation;
import dev.mixpaykit.sdk.internal.Operation;
import dev.mixpaykit.sdk.internal.generated.api.OneTimePaymentApi;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Annotation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.validator.HibernateValidator;

/**
 * Checks a request before it is sent: the spec's constraints through Hibernate Validator on the
 * generated model (its annotations are generated from the spec), then the rules the spec states
 * in {@code x-mixpay-*} extensions because a schema cannot hold them. A broken pattern is worded
 * as the spec's {@code x-mixpay-pattern-rule} says, never as the regex.
 */
final class RequestValidator {

  /** {@code x-mixpay-required-one-of} of OneTimePaymentRequest. */
  static final List<String> ONE_OF_REQUIRED = List.of("orderId", "traceId");
  /** {@code x-mixpay-seconds-from-now.exclusiveMinimum} of expiredTimestamp. */
  static final long MIN_SECONDS_FROM_NOW = 10;
  /** {@code x-mixpay-seconds-from-now.exclusiveMaximum} of expiredTimestamp (240 minutes). */
  static final long MAX_SECONDS_FROM_NOW = 14_400;

  // Building a factory scans annotations and bootstraps EL: once per JVM, and only when used.
  private static final class Holder {
    static final ValidatorFactory FACTORY = Validation.byProvider(HibernateValidator.class)
        .configure().buildValidatorFactory();
    static final Validator VALIDATOR = FACTORY.getValidator();
  }

  /** The spec's query patterns, compiled once: checkQuery runs on every result query. */
  private static final Map<String, java.util.regex.Pattern> PATTERNS = new ConcurrentHashMap<>();

  private final long maxSecondsFromNow;
  private final boolean allowPlainHttpCallbacks;

  RequestValidator(long maxSecondsFromNow) {
    this(maxSecondsFromNow, false);
  }

  RequestValidator(long maxSecondsFromNow, boolean allowPlainHttpCallbacks) {
    this.maxSecondsFromNow = maxSecondsFromNow;
    this.allowPlainHttpCallbacks = allowPlainHttpCallbacks;
  }

  /** Throws listing every violation, or returns. */
  void check(dev.mixpaykit.sdk.internal.generated.model.OneTimePaymentRequest model,
      Instant now) {
    List<Violation> violations = new ArrayList<>();
    for (ConstraintViolation<?> v : Holder.VALIDATOR.validate(model)) {
      if (allowPlainHttpCallbacks && "callbackUrl".equals(v.getPropertyPath().toString())
          && model.getCallbackUrl().startsWith("http://")) {
        continue; // a local endpoint in a test against the mock; MixPay refuses these
      }
      String field = v.getPropertyPath().toString();
      Annotation constraint = v.getConstraintDescriptor().getAnnotation();
      String rule = constraint instanceof NotNull ? "is required"
          : constraint instanceof Pattern ? patternRule(field) : v.getMessage();
      violations.add(new Violation(field, rule));
    }
    if (model.getOrderId() == null && model.getTraceId() == null) {
      violations.add(new Violation(String.join("/", ONE_OF_REQUIRED),
          "one of " + String.join(", ", ONE_OF_REQUIRED) + " is required"));
    }
    Long deadline = model.getExpiredTimestamp();
    if (deadline != null) {
      long fromNow = deadline - now.getEpochSecond();
      if (fromNow <= MIN_SECONDS_FROM_NOW) {
        violations.add(new Violation("expiredTimestamp", "must be more than "
            + MIN_SECONDS_FROM_NOW + " seconds from now (is " + fromNow + ")"));
      } else if (fromNow >= maxSecondsFromNow) {
        violations.add(new Violation("expiredTimestamp", "must be less than "
            + maxSecondsFromNow + " seconds from now (is " + fromNow + ")"));
      }
    }
    if (!violations.isEmpty()) {
      violations.sort(Comparator.comparing(Violation::field).thenComparing(Violation::rule));
      throw new MixPayValidationException(violations);
    }
  }

  /**
   * Checks a query's values against the operation's parameter rules from the spec (pattern,
   * worded by its {@code x-mixpay-pattern-rule}; length; UUIDs are typed): every value given
   * must be present and valid.
   */
  void checkQuery(Operation op, java.util.Map<String, ?> values) {
    List<Violation> violations = new ArrayList<>();
    for (Operation.Parameter p : op.query()) {
      if (!values.containsKey(p.name())) {
        continue;
      }
      Object value = values.get(p.name());
      if (value == null) {
        violations.add(new Violation(p.name(), "is required"));
        continue;
      }
      String text = value.toString();
      if (p.minLength() != null && p.maxLength() != null
          && (text.length() < p.minLength() || text.length() > p.maxLength())) {
        violations.add(new Violation(p.name(), "size must be between " + p.minLength()
            + " and " + p.maxLength()));
      }
      if (p.pattern() != null && !PATTERNS.computeIfAbsent(p.pattern(),
          java.util.regex.Pattern::compile).matcher(text).matches()) {
        violations.add(new Violation(p.name(), p.patternRule()));
      }
    }
    if (!violations.isEmpty()) {
      violations.sort(Comparator.comparing(Violation::field).thenComparing(Violation::rule));
      throw new MixPayValidationException(violations);
    }
  }

  /**
   * A body field's pattern in the spec's words ({@code x-mixpay-pattern-rule}), never the
   * regex: Hibernate Validator's own message quotes it.
   */
  private static String patternRule(String field) {
    Operation.Parameter p = OneTimePaymentApi.createOneTimePayment.formField(field);
    if (p == null || p.patternRule() == null) {
      // SpecAgreementTest rules this out: every @Pattern of the model has its field's words.
      throw new IllegalStateException("the spec gives " + field + " no x-mixpay-pattern-rule");
    }
    return p.patternRule();
  }

  /** Bootstraps Hibernate Validator now rather than on the first request. */
  static void warmUp() {
    Holder.VALIDATOR.getConstraintsForClass(
        dev.mixpaykit.sdk.internal.generated.model.OneTimePaymentRequest.class);
  }
}
