package dev.mixpaykit.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mixpaykit.sdk.MixPayValidationException.Violation;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The result query is checked before sending, like a payment request, naming every field. */
class ResultQueryValidationTest {

  // Nothing listens on port 9 (discard) here: a request that got out would fail differently.
  private final MixPayClient client = MixPayClient.builder().baseUrl("http://127.0.0.1:9")
      .retryPolicy(RetryPolicy.none()).build();

  @Test
  void everyBrokenIdentifierIsNamed() {
    MixPayValidationException e = catchThrowableOfType(MixPayValidationException.class,
        () -> client.getPaymentResult("not a payee", "no spaces allowed"));

    assertThat(e.violations()).extracting(Violation::field)
        .containsExactly("orderId", "payeeId");
    assertThat(e.violations()).containsExactly(
        new Violation("orderId", "must be 6 to 36 letters, digits, '-' or '_'"),
        new Violation("payeeId", "must be a Mixin UUID or a 32-character hexadecimal id"));
    assertThat(e.getMessage()).isEqualTo("invalid request: "
        + "orderId: must be 6 to 36 letters, digits, '-' or '_'; "
        + "payeeId: must be a Mixin UUID or a 32-character hexadecimal id");
  }

  @Test
  void missingIdentifiersAreRequiredNotNullPointers() {
    MixPayValidationException both = catchThrowableOfType(MixPayValidationException.class,
        () -> client.getPaymentResult((String) null, null));
    MixPayValidationException trace = catchThrowableOfType(MixPayValidationException.class,
        () -> client.getPaymentResult((UUID) null));

    assertThat(both.violations()).containsExactly(new Violation("orderId", "is required"),
        new Violation("payeeId", "is required"));
    assertThat(trace.violations()).containsExactly(new Violation("traceId", "is required"));
  }

  @Test
  void aTooShortOrderIdBreaksLengthAndPattern() {
    MixPayValidationException e = catchThrowableOfType(MixPayValidationException.class,
        () -> client.getPaymentResult(Fixtures.PAYEE, "abc"));

    assertThat(e.violations()).extracting(Violation::rule).containsExactly(
        "must be 6 to 36 letters, digits, '-' or '_'", "size must be between 6 and 36");
  }

  @Test
  void theAsyncCallsFailTheFutureTheSameWay() {
    CompletionException byOrder = catchThrowableOfType(CompletionException.class,
        () -> client.getPaymentResultAsync("x", "order-1").join());
    CompletionException byTrace = catchThrowableOfType(CompletionException.class,
        () -> client.getPaymentResultAsync((UUID) null).join());

    assertThat(byOrder).hasCauseInstanceOf(MixPayValidationException.class);
    assertThat(((MixPayValidationException) byOrder.getCause()).violations())
        .extracting(Violation::field).containsExactly("payeeId");
    assertThat(byTrace).hasCauseInstanceOf(MixPayValidationException.class);
  }
}
