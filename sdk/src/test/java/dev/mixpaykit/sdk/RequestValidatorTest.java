package dev.mixpaykit.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Both sides of every boundary the spec sets, checked before anything is sent. */
class RequestValidatorTest {

  static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");
  static final long NOW_S = NOW.getEpochSecond();

  private final RequestValidator validator = new RequestValidator(
      RequestValidator.MAX_SECONDS_FROM_NOW);

  static Stream<Arguments> valid() {
    return Stream.of(
        c("remark 50 chars", b -> b.remark("r".repeat(50))),
        c("settlementMemo 200 chars", b -> b.settlementMemo("m".repeat(200))),
        c("expireSeconds 1", b -> b.expireSeconds(1)),
        c("expireSeconds 31536000", b -> b.expireSeconds(31_536_000)),
        c("orderId 6 chars", b -> b.orderId("abc-_1")),
        c("orderId 36 chars", b -> b.orderId("o".repeat(36))),
        c("quoteAmount 0.00000001", b -> b.quoteAmount(new BigDecimal("0.00000001"))),
        c("traceId only", b -> b.orderId(null).traceId(UUID.randomUUID())),
        c("expiredTimestamp now+11", b -> b.expiredTimestamp(NOW_S + 11)),
        c("expiredTimestamp now+14399", b -> b.expiredTimestamp(NOW_S + 14_399)),
        c("https callback", b -> b.callbackUrl(URI.create("https://shop.example.com/cb"))),
        c("uuid payee", b -> b.payeeId("a38ed284-5689-4fb9-8c2a-91fba5e32ce9")),
        c("crypto quote asset", b -> b.quoteAssetId(Fixtures.BTC.toString())));
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        c("remark 51 chars", b -> b.remark("r".repeat(51)), "remark", "size must be between 0 and 50"),
        c("settlementMemo 201 chars", b -> b.settlementMemo("m".repeat(201)), "settlementMemo",
            "size must be between 0 and 200"),
        c("expireSeconds 0", b -> b.expireSeconds(0), "expireSeconds",
            "must be greater than or equal to 1"),
        c("expireSeconds 31536001", b -> b.expireSeconds(31_536_001), "expireSeconds",
            "must be less than or equal to 31536000"),
        c("orderId 5 chars", b -> b.orderId("abcde"), "orderId", "size must be between 6 and 36"),
        c("orderId 37 chars", b -> b.orderId("o".repeat(37)), "orderId",
            "size must be between 6 and 36"),
        c("orderId with a space", b -> b.orderId("order 42"), "orderId",
            "must be 6 to 36 letters, digits, '-' or '_'"),
        c("quoteAmount 0", b -> b.quoteAmount(BigDecimal.ZERO), "quoteAmount",
            "must be greater than 0"),
        c("quoteAmount -1", b -> b.quoteAmount(new BigDecimal("-1")), "quoteAmount",
            "must be greater than 0"),
        c("no payeeId", b -> b.payeeId(null), "payeeId", "is required"),
        c("no quoteAmount", b -> b.quoteAmount(null), "quoteAmount", "is required"),
        c("no quoteAssetId", b -> b.quoteAssetId(null), "quoteAssetId", "is required"),
        c("no settlementAssetId", b -> b.settlementAssetId(null), "settlementAssetId",
            "is required"),
        c("neither orderId nor traceId", b -> b.orderId(null), "orderId/traceId",
            "one of orderId, traceId is required"),
        c("payeeId not an account id", b -> b.payeeId("alice"), "payeeId",
            "must be a Mixin UUID or a 32-character hexadecimal id"),
        c("quoteAssetId upper case", b -> b.quoteAssetId("USD"), "quoteAssetId",
            "must be an asset UUID or a three-letter lowercase currency code such as usd"),
        c("http callback", b -> b.callbackUrl(URI.create("http://shop.example.com/cb")),
            "callbackUrl", "must be a URL that starts with https:// and has no spaces"),
        c("expiredTimestamp now+10", b -> b.expiredTimestamp(NOW_S + 10), "expiredTimestamp",
            "must be more than 10 seconds from now (is 10)"),
        c("expiredTimestamp in the past", b -> b.expiredTimestamp(NOW_S - 1), "expiredTimestamp",
            "must be more than 10 seconds from now (is -1)"),
        c("expiredTimestamp now+14400", b -> b.expiredTimestamp(NOW_S + 14_400),
            "expiredTimestamp", "must be less than 14400 seconds from now (is 14400)"));
  }

  @ParameterizedTest(name = "{0} is accepted")
  @MethodSource("valid")
  void acceptsTheValidSideOfEachBoundary(String name, UnaryOperator<OneTimePaymentRequest.Builder> change) {
    OneTimePaymentRequest request = change.apply(Fixtures.minimal("order-42")).build();

    assertThatCode(() -> validator.check(GeneratedModels.toModel(request), NOW))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{0} is refused")
  @MethodSource("invalid")
  void refusesTheOtherSideNamingTheFieldAndRule(String name,
      UnaryOperator<OneTimePaymentRequest.Builder> change, String field, String rule) {
    OneTimePaymentRequest request = change.apply(Fixtures.minimal("order-42")).build();

    MixPayValidationException e = catchThrowableOfType(MixPayValidationException.class,
        () -> validator.check(GeneratedModels.toModel(request), NOW));

    assertThat(e).as(name).isNotNull();
    assertThat(e.violations()).anySatisfy(v -> {
      assertThat(v.field()).isEqualTo(field);
      assertThat(v.rule()).isEqualTo(rule);
    });
    assertThat(e.getMessage()).contains(field + ": " + rule);
  }

  @Test
  void everyViolationIsListedInOneException() {
    OneTimePaymentRequest request = OneTimePaymentRequest.builder()
        .remark("r".repeat(51)).expireSeconds(0)
        .callbackUrl(URI.create("http://x.example")).build();

    MixPayValidationException e = catchThrowableOfType(MixPayValidationException.class,
        () -> validator.check(GeneratedModels.toModel(request), NOW));

    assertThat(e.violations()).extracting(MixPayValidationException.Violation::field)
        .containsExactly("callbackUrl", "expireSeconds", "orderId/traceId", "payeeId",
            "quoteAmount", "quoteAssetId", "remark", "settlementAssetId");
  }

  @Test
  void aBrokenPatternIsWordedAsTheSpecSaysNeverAsTheRegex() {
    // The public builder cannot spell a bad callbackEvent (it takes the enum): break the model.
    var model = GeneratedModels.toModel(Fixtures.minimal("order 42").build())
        .callbackEvent("refunded");

    MixPayValidationException e = catchThrowableOfType(MixPayValidationException.class,
        () -> validator.check(model, NOW));

    assertThat(e.violations()).containsExactly(
        new MixPayValidationException.Violation("callbackEvent",
            "must be settle, pending or paid_less, several joined with | or ,"),
        new MixPayValidationException.Violation("orderId",
            "must be 6 to 36 letters, digits, '-' or '_'"));
    assertThat(e.getMessage()).isEqualTo("invalid request: callbackEvent: must be settle, "
        + "pending or paid_less, several joined with | or ,; orderId: must be 6 to 36 letters, "
        + "digits, '-' or '_'");
  }

  @Test
  void plainHttpCallbacksPassOnlyWhenAllowedForLocalTests() {
    OneTimePaymentRequest request = Fixtures.minimal("order-42")
        .callbackUrl(URI.create("http://127.0.0.1:8080/cb")).build();

    assertThatCode(() -> new RequestValidator(14_400, true)
        .check(GeneratedModels.toModel(request), NOW)).doesNotThrowAnyException();
    assertThat(catchThrowableOfType(MixPayValidationException.class,
        () -> validator.check(GeneratedModels.toModel(request), NOW)).violations())
        .extracting(MixPayValidationException.Violation::field).containsExactly("callbackUrl");
  }

  @Test
  void theUpperBoundOfTheDeadlineCanBeWidened() {
    RequestValidator wide = new RequestValidator(2880 * 60);
    OneTimePaymentRequest request = Fixtures.minimal("order-42")
        .expiredTimestamp(NOW_S + 2879 * 60).build();

    assertThatCode(() -> wide.check(GeneratedModels.toModel(request), NOW))
        .doesNotThrowAnyException();
  }

  private static Arguments c(String name, UnaryOperator<OneTimePaymentRequest.Builder> change,
      Object... expected) {
    Object[] args = new Object[2 + expected.length];
    args[0] = name;
    args[1] = change;
    System.arraycopy(expected, 0, args, 2, expected.length);
    return Arguments.of(args);
  }
}
