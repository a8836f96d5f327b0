package dev.mixpaykit.mock;

import static dev.mixpaykit.mock.Contract.form;
import static dev.mixpaykit.mock.Contract.minimal;
import static dev.mixpaykit.mock.Contract.wrongOnPurpose;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The mock POSTs MixPay's callback on MixPay's schedule; the test walks the schedule on the
 * mock's own clock and waits for the outcomes, never on the wall clock.
 */
class CallbackTest {

  @RegisterExtension
  static MixPayMockExtension mixpay = new MixPayMockExtension(MixPayMock.builder()
      .clock(Clock.fixed(Instant.parse("2026-01-05T10:00:00Z"), ZoneOffset.UTC))
      .allowPlainHttpCallbacks(true));

  private HttpServer shop;
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicInteger redirectHits = new AtomicInteger();

  @BeforeEach
  void startShop() throws IOException {
    shop = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    shop.createContext("/callback", exchange -> {
      received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      boolean fail = failuresLeft.getAndDecrement() > 0;
      answer(exchange, fail ? 500 : 200, fail ? "busy" : "{\"code\":\"SUCCESS\"}");
    });
    shop.createContext("/moved", exchange -> {
      exchange.getResponseHeaders().add("Location", url("/redirected"));
      answer(exchange, 302, "");
    });
    shop.createContext("/redirected", exchange -> {
      redirectHits.incrementAndGet();
      answer(exchange, 200, "{\"code\":\"SUCCESS\"}");
    });
    shop.start();
  }

  @AfterEach
  void stopShop() {
    shop.stop(0);
  }

  @Test
  void aPaidPaymentIsCalledBackWithItsIdentifiersUntilTheShopSaysSuccess() {
    failuresLeft.set(3);
    String code = create("order-cb-1", url("/callback?order=1"));

    mixpay.mock().payInFull(code);
    walkTheSchedule();

    assertThat(mixpay.mock().callbacks()).extracting(CallbackAttempt::attempt)
        .containsExactly(1, 2, 3, 4);
    assertThat(mixpay.mock().callbacks()).extracting(CallbackAttempt::accepted)
        .containsExactly(false, false, false, true);
    assertThat(mixpay.mock().callbacks().get(0).httpStatus()).isEqualTo(500);
    assertThat(received).hasSize(4).allSatisfy(body -> assertThat(body).isEqualTo(
        "{\"orderId\":\"order-cb-1\",\"traceId\":\"" + code + "\",\"payeeId\":\""
            + Contract.PAYEE + "\"}"));
    Contract.assertConforms(received.get(0), "PaymentCallback"); // the spec's callback body
  }

  @Test
  void subscribedStateChangesAreCalledBackTooAndOthersAreNot() {
    Map<String, Object> fields = minimal("order-cb-6");
    fields.put("callbackUrl", url("/callback"));
    fields.put("callbackEvent", "pending|settle");
    String subscribed = form(wrongOnPurpose(mixpay.mock()), fields).post("/v1/one_time_payment")
        .then().statusCode(200).extract().path("data.code");
    mixpay.mock().markPending(subscribed);
    mixpay.mock().payInFull(subscribed);
    walkTheSchedule();
    assertThat(mixpay.mock().callbacks()).extracting(CallbackAttempt::event)
        .containsExactly("pending", "success", "settle");

    mixpay.mock().reset();
    String plain = create("order-cb-7", url("/callback"));
    mixpay.mock().markPending(plain);
    mixpay.mock().payInFull(plain);
    walkTheSchedule();
    assertThat(mixpay.mock().callbacks()).extracting(CallbackAttempt::event)
        .containsExactly("success");
  }

  @Test
  void aFailedPaymentIsCalledBackToo() {
    String code = create("order-cb-2", url("/callback"));

    mixpay.mock().expire(code);
    walkTheSchedule();

    assertThat(mixpay.mock().callbacks().get(0).accepted()).isTrue();
    assertThat(mixpay.mock().callbacks().get(0).event()).isEqualTo("fail");
  }

  @Test
  void redirectsAreNeverFollowed() {
    String code = create("order-cb-3", url("/moved"));

    mixpay.mock().payInFull(code);
    walkTheSchedule();

    assertThat(mixpay.mock().callbacks().get(0).httpStatus()).isEqualTo(302);
    assertThat(mixpay.mock().callbacks().get(0).accepted()).isFalse();
    assertThat(redirectHits).hasValue(0);
  }

  @Test
  void theAttemptsAreReadableOverHttp() {
    String code = create("order-cb-4", url("/callback"));
    mixpay.mock().payInFull(code);
    walkTheSchedule();

    RestAssured().get("/__admin/mixpay/callbacks").then().statusCode(200)
        .body("[0].paymentCode", org.hamcrest.Matchers.equalTo(code))
        .body("[0].accepted", org.hamcrest.Matchers.equalTo(true));
  }

  @Test
  void withoutTheLocalTestOptionPlainHttpCallbacksAreRefusedAsMixPayDoes() {
    try (MixPayMock strict = MixPayMock.builder().build().start()) {
      Map<String, Object> fields = minimal("order-cb-5");
      fields.put("callbackUrl", url("/callback"));
      form(wrongOnPurpose(strict), fields).post("/v1/one_time_payment")
          .then().statusCode(400).body("code", org.hamcrest.Matchers.equalTo(10061));
    }
  }

  private static io.restassured.specification.RequestSpecification RestAssured() {
    return io.restassured.RestAssured.given().baseUri(mixpay.baseUrl());
  }

  private String create(String orderId, String callbackUrl) {
    Map<String, Object> fields = minimal(orderId);
    fields.put("callbackUrl", callbackUrl);
    return form(wrongOnPurpose(mixpay.mock()), fields).post("/v1/one_time_payment")
        .then().statusCode(200).extract().path("data.code");
  }

  private String url(String path) {
    return "http://127.0.0.1:" + shop.getAddress().getPort() + path;
  }

  /** MixPay's whole schedule (about four hours) on the mock's clock, and its outcomes. */
  private static void walkTheSchedule() {
    mixpay.mock().clock().advance(Duration.ofHours(5));
    mixpay.mock().awaitCallbacks(Duration.ofSeconds(10));
  }

  private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status,
      String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
