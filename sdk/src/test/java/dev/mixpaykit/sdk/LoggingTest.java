package dev.mixpaykit.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mixpaykit.mock.MixPayMockExtension;
import dev.mixpaykit.mock.RequestMatch;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** Debug lines say what happened on the wire; no field value ever reaches a log. */
class LoggingTest {

  @RegisterExtension
  static MixPayMockExtension mixpay = new MixPayMockExtension();

  private final Logger logger = (Logger) LoggerFactory.getLogger(MixPayClient.class);
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private Level previous;

  @BeforeEach
  void capture() {
    previous = logger.getLevel();
    lines.start();
    logger.addAppender(lines);
  }

  @AfterEach
  void release() {
    logger.detachAppender(lines);
    logger.setLevel(previous);
  }

  @Test
  void atDebugEachAttemptIsLoggedWithoutFieldValues() {
    logger.setLevel(Level.DEBUG);
    mixpay.mock().failNext(RequestMatch.any(), -1);

    MixPayClient.builder().baseUrl(mixpay.baseUrl())
        .retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(5)).build()).build()
        .createOneTimePayment(Fixtures.minimal("order-logged").remark("secret remark").build());

    assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
        .anySatisfy(m -> assertThat(m).matches(
            "POST /v1/one_time_payment -> 500 in \\d+ ms \\(attempt 1\\)"))
        .anySatisfy(m -> assertThat(m).matches(
            "POST /v1/one_time_payment attempt 1 of 3 failed \\(MixPayServerException\\); "
                + "retrying in \\d+ ms"))
        .anySatisfy(m -> assertThat(m).matches(
            "POST /v1/one_time_payment -> 200 in \\d+ ms \\(attempt 2\\)"))
        .allSatisfy(m -> assertThat(m).doesNotContain("order-logged", "secret", "a0d77914"));
    assertThat(lines.list).allSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.DEBUG));
  }

  @Test
  void atInfoNothingIsLogged() {
    logger.setLevel(Level.INFO);

    MixPayClient.builder().baseUrl(mixpay.baseUrl()).build()
        .createOneTimePayment(Fixtures.minimal("order-quiet").build());

    assertThat(lines.list).isEmpty();
  }
}
