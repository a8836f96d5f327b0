package dev.mixpaykit.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mixpaykit.mock.MixPayMock;
import dev.mixpaykit.mock.MixPayMockExtension;
import dev.mixpaykit.mock.RequestMatch;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * MixPay's deployments answer errors under the mapped 4xx/5xx status or under HTTP 200 with
 * {@code success:false}. The SDK decides by the envelope, so the same refusal must give the
 * same exception type and code in both styles; only {@code httpStatus()} tells them apart.
 * Each refusal is provoked the way it happens in use, against two mocks that differ only in
 * their error style.
 */
class ErrorStylesTest {

  // One payment at most: a second unfinished one meets the mock's -1 "store full".
  @RegisterExtension
  static MixPayMockExtension mapped = new MixPayMockExtension(
      MixPayMock.builder().maxPayments(1));

  @RegisterExtension
  static MixPayMockExtension http200 = new MixPayMockExtension(
      MixPayMock.builder().maxPayments(1).http200Errors(true));

  /** A refusal, what the SDK must make of it, and the status of the mapped style. */
  enum Refusal {
    PARAMETER_ERROR(1017, ErrorCode.PARAMETER_ERROR, MixPayRequestException.class, 400),
    CONFLICT(10020, ErrorCode.ORDER_CONFLICT, MixPayConflictException.class, 409),
    NOT_FOUND(404, ErrorCode.NOT_FOUND, MixPayRequestException.class, 404),
    RATE_LIMITED(1429, ErrorCode.RATE_LIMITED, MixPayRateLimitException.class, 429),
    SERVER_ERROR(-1, ErrorCode.SERVER_ERROR, MixPayServerException.class, 500);

    final int code;
    final ErrorCode errorCode;
    final Class<? extends MixPayApiException> type;
    final int mappedStatus;

    Refusal(int code, ErrorCode errorCode, Class<? extends MixPayApiException> type,
        int mappedStatus) {
      this.code = code;
      this.errorCode = errorCode;
      this.type = type;
      this.mappedStatus = mappedStatus;
    }
  }

  @Test
  void theTwoMocksDifferInTheirErrorStyleOnly() {
    assertThat(mapped.mock().http200Errors()).isFalse();
    assertThat(http200.mock().http200Errors()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Refusal.class)
  void theSameRefusalIsTheSameExceptionUnderEitherStyle(Refusal refusal) {
    MixPayApiException underMapped = provoke(refusal, mapped.mock());
    MixPayApiException under200 = provoke(refusal, http200.mock());

    for (MixPayApiException e : new MixPayApiException[] {underMapped, under200}) {
      assertThat(e).as(e.rawBody()).isExactlyInstanceOf(refusal.type);
      assertThat(e.code()).isEqualTo(refusal.code);
      assertThat(e.errorCode()).contains(refusal.errorCode);
      assertThat(e.timestampMs()).isPositive();
    }
    assertThat(underMapped.httpStatus()).isEqualTo(refusal.mappedStatus);
    assertThat(under200.httpStatus()).isEqualTo(200);
    assertThat(under200.getClass()).isEqualTo(underMapped.getClass());
    assertThat(under200.code()).isEqualTo(underMapped.code());
    if (refusal == Refusal.RATE_LIMITED) {
      // The wait to honour comes from the header, which both styles send.
      assertThat(underMapped).isInstanceOfSatisfying(MixPayRateLimitException.class,
          r -> assertThat(r.retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive()));
      assertThat(under200).isInstanceOfSatisfying(MixPayRateLimitException.class,
          r -> assertThat(r.retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive()));
    }
  }

  /** Makes the mock refuse the way it does in use; returns what the SDK threw. */
  private static MixPayApiException provoke(Refusal refusal, MixPayMock mock) {
    MixPayClient client = MixPayClient.builder().baseUrl(mock.baseUrl())
        .retryPolicy(RetryPolicy.none()).requestTimeout(Duration.ofSeconds(5)).build();
    String orderId = "order-style-" + refusal.name().toLowerCase(java.util.Locale.ROOT)
        .replace('_', '-');
    Runnable call = switch (refusal) {
      // The SDK refuses, before sending, every request the mock would answer 1017 to; so the
      // mock is told to answer it once (the same envelope and status path as its own 1017s).
      case PARAMETER_ERROR -> {
        mock.failNext(RequestMatch.orderId(orderId), 1017);
        yield () -> client.createOneTimePayment(Fixtures.minimal(orderId).build());
      }
      case CONFLICT -> {
        client.createOneTimePayment(Fixtures.minimal(orderId).build());
        yield () -> client.createOneTimePayment(Fixtures.minimal(orderId)
            .quoteAmount(new BigDecimal("11")).build());
      }
      case NOT_FOUND -> () -> client.getPaymentResult(UUID.randomUUID());
      case RATE_LIMITED -> {
        mock.rateLimit(1);
        client.createOneTimePayment(Fixtures.minimal(orderId).build());
        yield () -> client.createOneTimePayment(Fixtures.minimal(orderId + "-2").build());
      }
      case SERVER_ERROR -> {
        client.createOneTimePayment(Fixtures.minimal(orderId).build());
        yield () -> client.createOneTimePayment(Fixtures.minimal(orderId + "-2").build());
      }
    };
    MixPayApiException e = catchThrowableOfType(MixPayApiException.class, call::run);
    assertThat(e).as(refusal + " against " + mock.baseUrl()).isNotNull();
    return e;
  }
}
