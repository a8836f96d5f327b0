package dev.mixpaykit.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Rules of the small public types: backoff bounds, status tolerance, date reading. */
class SmallTypesTest {

  @Test
  void backoffIsFullJitterUnderAnExponentialCap() {
    RetryPolicy p = RetryPolicy.builder().initialBackoff(Duration.ofMillis(100))
        .maxBackoff(Duration.ofMillis(700)).build();

    assertThat(p.backoff(1, 0.999)).isEqualTo(Duration.ofMillis(99));
    assertThat(p.backoff(2, 0.999)).isEqualTo(Duration.ofMillis(199));
    assertThat(p.backoff(3, 0.999)).isEqualTo(Duration.ofMillis(399));
    assertThat(p.backoff(4, 0.999)).isEqualTo(Duration.ofMillis(699)); // capped
    assertThat(p.backoff(60, 0.999)).isEqualTo(Duration.ofMillis(699)); // no overflow
    assertThat(p.backoff(3, 0.0)).isEqualTo(Duration.ZERO);
    assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
    assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RetryPolicy.builder().maxElapsed(Duration.ZERO))
        .hasMessageContaining("maxElapsed must be positive");
  }

  @Test
  void statusesAreToleratedAndOnlySuccessAndFailedAreFinal() {
    assertThat(PaymentStatus.of("success")).isSameAs(PaymentStatus.SUCCESS);
    assertThat(PaymentStatus.of(" Paid_Less ")).isSameAs(PaymentStatus.PAID_LESS);
    assertThat(PaymentStatus.of("refunding").isKnown()).isFalse();
    assertThat(PaymentStatus.of("refunding")).isEqualTo(PaymentStatus.of("refunding"));
    assertThat(PaymentStatus.of(null).value()).isEmpty();
    assertThat(PaymentStatus.FAILED.isFinal()).isTrue();
    assertThat(PaymentStatus.PENDING.isFinal()).isFalse();
  }

  @Test
  void datesAreReadFromNumbersAndNumericStrings() {
    assertThat(ResponseDecoder.date(1672913100)).isEqualTo(Instant.ofEpochSecond(1672913100));
    assertThat(ResponseDecoder.date(1672913100L)).isEqualTo(Instant.ofEpochSecond(1672913100));
    assertThat(ResponseDecoder.date(" 1672913100 ")).isEqualTo(Instant.ofEpochSecond(1672913100));
    assertThat(ResponseDecoder.date("2023-01-05")).isNull();
    assertThat(ResponseDecoder.date(null)).isNull();
    assertThat(ResponseDecoder.date(99_999_999_999_999_999L)).isNull(); // beyond Instant.MAX
    assertThat(ResponseDecoder.date(new java.math.BigDecimal("1672913100.5"))).isNull();
  }

  @Test
  void theCheckoutUrlIsMixPaysCodePage() {
    assertThat(new OneTimePayment(
        java.util.UUID.fromString("525502dd-e552-4505-b114-32fe32ff23c2"), null).checkoutUrl())
        .hasToString("https://mixpay.me/code/525502dd-e552-4505-b114-32fe32ff23c2");
  }

  @Test
  void clientSettingsAreChecked() {
    assertThatThrownBy(() -> MixPayClient.builder().baseUrl("ftp://x"))
        .hasMessageContaining("http(s) URL");
    assertThatThrownBy(() -> MixPayClient.builder().requestTimeout(Duration.ZERO))
        .hasMessageContaining("requestTimeout must be positive");
  }
}
