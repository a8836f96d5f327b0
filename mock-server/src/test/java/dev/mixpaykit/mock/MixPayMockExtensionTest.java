package dev.mixpaykit.mock;

import static dev.mixpaykit.mock.Contract.form;
import static dev.mixpaykit.mock.Contract.minimal;
import static dev.mixpaykit.mock.Contract.strict;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MixPayMockExtensionTest {

  @RegisterExtension
  static MixPayMockExtension mixpay = new MixPayMockExtension();

  static int firstPort;

  @Test
  @Order(1)
  void startsOnAFreePortOfLoopback(MixPayMock injected) {
    firstPort = mixpay.port();
    assertThat(injected).isSameAs(mixpay.mock());
    assertThat(mixpay.baseUrl()).isEqualTo("http://127.0.0.1:" + firstPort);
    assertThat(firstPort).isPositive();

    form(strict(mixpay.mock()), minimal("order-ext")).post("/v1/one_time_payment")
        .then().statusCode(200);
    mixpay.mock().failNext(RequestMatch.any(), 10008);
    mixpay.mock().rateLimit(1);
  }

  @Test
  @Order(2)
  void eachTestStartsFromACleanSlateOnTheSameServer() {
    assertThat(mixpay.port()).isEqualTo(firstPort);
    assertThat(mixpay.mock().payments()).isEmpty();
    assertThat(mixpay.mock().requests()).isEmpty();
    form(strict(mixpay.mock()), minimal("order-ext")).post("/v1/one_time_payment")
        .then().statusCode(200);
    form(strict(mixpay.mock()), minimal("order-ext-2")).post("/v1/one_time_payment")
        .then().statusCode(200);
  }
}
