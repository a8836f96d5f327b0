package dev.mixpaykit.sdk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mixpaykit.mock.MixPayMockExtension;
import dev.mixpaykit.sdk.PaymentVerification.Reason;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Verification against the mock, as an attacker who can POST any callback would try it. */
class PaymentVerifierTest {

  @RegisterExtension
  static MixPayMockExtension mixpay = new MixPayMockExtension();

  private static MixPayClient client() {
    return MixPayClient.builder().baseUrl(mixpay.baseUrl()).retryPolicy(RetryPolicy.none())
        .build();
  }

  private static String callback(String orderId, Object traceId) {
    return "{" + (orderId == null ? "" : "\"orderId\":\"" + orderId + "\",")
        + (traceId == null ? "" : "\"traceId\":\"" + traceId + "\",")
        + "\"payeeId\":\"" + Fixtures.PAYEE + "\"}";
  }

  @Test
  void anOrderIsVerifiedOnceItsOwnPaymentIsPaid() {
    MixPayClient client = client();
    PaymentVerifier verifier = new PaymentVerifier(client);
    OneTimePaymentRequest order = Fixtures.minimal("order-v-1").build();
    OneTimePayment payment = client.createOneTimePayment(order);
    String body = callback("order-v-1", payment.code());

    PaymentVerification early = verifier.verify(body, order);
    assertThat(early.verified()).isFalse();
    assertThat(early.reason()).isEqualTo(Reason.NOT_PAID);
    assertThat(early.detail()).isEqualTo("status is unpaid, not success");

    mixpay.mock().payInFull(payment.code().toString());
    PaymentVerification paid = verifier.verify(body, order);
    assertThat(paid.verified()).isTrue();
    assertThat(paid.reason()).isEqualTo(Reason.VERIFIED);
    assertThat(paid.result()).hasValueSatisfying(r -> assertThat(r.traceId())
        .isEqualTo(payment.code()));
    assertThat(verifier.verifyAsync(body, order).join().reason()).isEqualTo(Reason.VERIFIED);
  }

  @Test
  void onePaymentCannotFulfilAnotherOrder() {
    MixPayClient client = client();
    PaymentVerifier verifier = new PaymentVerifier(client);
    OneTimePaymentRequest a = Fixtures.minimal("order-v-a").build();
    OneTimePaymentRequest b = Fixtures.minimal("order-v-b").build(); // same payee and price
    OneTimePayment paidA = client.createOneTimePayment(a);
    client.createOneTimePayment(b);
    mixpay.mock().payInFull(paidA.code().toString());

    // The replay: B's orderId with A's traceId.
    PaymentVerification forged = verifier.verify(callback("order-v-b", paidA.code()), b);
    // Its traceId-only variant, handed to B's handler.
    PaymentVerification traceOnly = verifier.verify(callback(null, paidA.code()), b);
    PaymentVerification forgedAsync = verifier.verifyAsync(callback("order-v-b", paidA.code()), b)
        .join();

    for (PaymentVerification v : List.of(forged, traceOnly, forgedAsync)) {
      assertThat(v.verified()).isFalse();
      assertThat(v.reason()).isEqualTo(Reason.NOT_PAID);
    }
    // MixPay was asked about B, by B's identifiers, never about the traceId in the callback.
    assertThat(mixpay.mock().requests()).filteredOn(r -> r.method().equals("GET"))
        .hasSize(3).allSatisfy(r -> assertThat(r.url())
            .isEqualTo("/v1/payments_result?orderId=order-v-b&payeeId=" + Fixtures.PAYEE));
    assertThat(verifier.verify(callback("order-v-a", paidA.code()), a).verified()).isTrue();
  }

  @Test
  void withTraceIdsACallbackNamingAnotherPaymentIsNotThisOrders() {
    MixPayClient client = client();
    PaymentVerifier verifier = new PaymentVerifier(client);
    UUID traceA = UUID.randomUUID();
    UUID traceB = UUID.randomUUID();
    OneTimePaymentRequest a = Fixtures.minimal("order-t-a").traceId(traceA).build();
    OneTimePaymentRequest b = Fixtures.minimal("order-t-b").traceId(traceB).build();
    client.createOneTimePayment(a);
    client.createOneTimePayment(b);
    mixpay.mock().payInFull(traceA.toString());

    PaymentVerification v = verifier.verify(callback(null, traceA), b);

    assertThat(v.reason()).isEqualTo(Reason.NOT_THIS_ORDER);
    assertThat(v.detail()).isEqualTo("the callback is for payment " + traceA + ", not " + traceB);
    assertThat(verifier.verify(callback(null, traceB), b).reason()).isEqualTo(Reason.NOT_PAID);
    assertThat(verifier.verify(callback(null, traceA), a).reason()).isEqualTo(Reason.VERIFIED);
  }

  @Test
  void anAnswerAboutAnotherPaymentIsRefused() {
    UUID asked = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    mixpay.mock().wireMock().stubFor(get(urlPathEqualTo("/v1/payments_result")).atPriority(1)
        .willReturn(aResponse().withStatus(200).withBody(
            "{\"code\":0,\"success\":true,\"message\":\"\",\"data\":{\"status\":\"success\","
                + "\"payeeId\":\"" + Fixtures.PAYEE + "\",\"traceId\":\"" + other + "\","
                + "\"quoteAmount\":\"10\",\"quoteAssetId\":\"usd\"},\"timestampMs\":1}")));
    OneTimePaymentRequest order = Fixtures.minimal("order-other").traceId(asked).build();

    PaymentVerification v = new PaymentVerifier(client()).verify(callback(null, asked), order);

    assertThat(v.reason()).isEqualTo(Reason.PAYMENT_MISMATCH);
    assertThat(v.detail()).isEqualTo("MixPay answered for payment " + other + ", not " + asked);
  }

  @Test
  void amountAssetAndPayeeMustBeTheOrders() {
    MixPayClient client = client();
    PaymentVerifier verifier = new PaymentVerifier(client);
    OneTimePaymentRequest order = Fixtures.minimal("order-v-m").build();
    OneTimePayment payment = client.createOneTimePayment(order);
    mixpay.mock().payInFull(payment.code().toString());
    String body = callback("order-v-m", payment.code());

    PaymentVerification dearer = verifier.verify(body,
        order.toBuilder().quoteAmount(new BigDecimal("11")).build());
    assertThat(dearer.reason()).isEqualTo(Reason.AMOUNT_MISMATCH);
    assertThat(dearer.detail()).isEqualTo("quoteAmount is 10, not 11");

    PaymentVerification euros = verifier.verify(body,
        order.toBuilder().quoteAssetId("eur").build());
    assertThat(euros.reason()).isEqualTo(Reason.ASSET_MISMATCH);
    assertThat(euros.detail()).isEqualTo("quoteAssetId is usd, not eur");

    assertThat(verifier.verify(body, order.toBuilder().quoteAmount(new BigDecimal("10.00"))
        .build()).reason()).isEqualTo(Reason.VERIFIED); // the same amount, written otherwise
  }

  @Test
  void anOrderMixPayDoesNotKnowIsNotFound() {
    OneTimePaymentRequest never = Fixtures.minimal("order-never").build();

    PaymentVerification v = new PaymentVerifier(client())
        .verify(callback("order-never", null), never);

    assertThat(v.reason()).isEqualTo(Reason.PAYMENT_NOT_FOUND);
    assertThat(v.failure()).hasValueSatisfying(e -> assertThat(e)
        .isInstanceOf(MixPayRequestException.class));
  }

  @Test
  void mixPayOutOfReachIsALookupFailureNotAnException() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    MixPayClient unreachable = MixPayClient.builder().baseUrl("http://127.0.0.1:" + closed)
        .retryPolicy(RetryPolicy.none()).connectTimeout(Duration.ofSeconds(2)).build();
    PaymentVerifier verifier = new PaymentVerifier(unreachable);
    OneTimePaymentRequest order = Fixtures.minimal("order-v-u").build();

    assertThat(verifier.verify(callback("order-v-u", null), order).reason())
        .isEqualTo(Reason.LOOKUP_FAILED);
    PaymentVerification async = verifier.verifyAsync(callback("order-v-u", null), order).join();
    assertThat(async.reason()).isEqualTo(Reason.LOOKUP_FAILED);
    assertThat(async.failure()).hasValueSatisfying(e -> assertThat(e)
        .isInstanceOf(MixPayTransportException.class));
  }

  static Stream<String> garbage() {
    return Stream.of(null, "", "   ", "<html>", "[]", "42", "\"text\"", "null", "{}",
        "{\"orderId\":\"order-g\"}",                                     // no payee
        "{\"payeeId\":\"" + Fixtures.PAYEE + "\"}",                       // names no payment
        "{\"traceId\":\"not-a-uuid\",\"payeeId\":\"" + Fixtures.PAYEE + "\"}", // garbled traceId
        "{\"orderId\":{\"$ne\":1},\"payeeId\":\"" + Fixtures.PAYEE + "\"}",
        "{\"orderId\":\"order-g\",\"orderId\":\"order-h\",\"payeeId\":\"" + Fixtures.PAYEE + "\"}",
        "{\"orderId\":\"order-g\",\"payeeId\":\"" + Fixtures.PAYEE + "\"} trailing",
        "{\"orderId\":\"order-g\",\"payeeId\":\"" + Fixtures.PAYEE,          // cut short
        "{\"orderId\":\"order-g\",\"payeeId\":\"\ud800\"}",                 // a lone surrogate
        "{\"orderId\":\"" + "x".repeat(100_000) + "\",\"payeeId\":\"p\"}");
  }

  @ParameterizedTest
  @MethodSource("garbage")
  void garbageIsAMalformedCallbackAndNothingIsAsked(String body) {
    OneTimePaymentRequest order = Fixtures.minimal("order-g").build();
    PaymentVerifier verifier = new PaymentVerifier(client());

    PaymentVerification v = verifier.verify(body, order);
    PaymentVerification async = verifier.verifyAsync(body, order).join();

    assertThat(v.verified()).isFalse();
    assertThat(v.reason()).isIn(Reason.MALFORMED_CALLBACK, Reason.NOT_THIS_ORDER);
    assertThat(async.reason()).isEqualTo(v.reason());
    assertThat(v.detail()).isNotBlank();
    assertThat(mixpay.mock().requests()).isEmpty();
  }

  @Test
  void aCallbackForAnotherOrderOrPayeeIsNotThisOrders() {
    OneTimePaymentRequest order = Fixtures.minimal("order-mine").build();
    PaymentVerifier verifier = new PaymentVerifier(client());

    PaymentVerification otherOrder = verifier.verify(callback("order-theirs", null), order);
    PaymentVerification otherPayee = verifier.verify(
        "{\"orderId\":\"order-mine\",\"payeeId\":\"a38ed284-5689-4fb9-8c2a-91fba5e32ce9\"}",
        order);

    assertThat(otherOrder.reason()).isEqualTo(Reason.NOT_THIS_ORDER);
    assertThat(otherOrder.detail()).isEqualTo("the callback is for order order-theirs, not order-mine");
    assertThat(otherPayee.reason()).isEqualTo(Reason.NOT_THIS_ORDER);
    assertThat(mixpay.mock().requests()).isEmpty();
  }

  @Test
  void theReadmeHandlerAnswersEveryBodyWithoutAnError() {
    MixPayClient client = client();
    Map<String, OneTimePaymentRequest> orders = new java.util.concurrent.ConcurrentHashMap<>();
    OneTimePaymentRequest order = Fixtures.minimal("order-h-1").build();
    orders.put("order-h-1", order);
    OneTimePayment payment = client.createOneTimePayment(order);
    CallbackHandlerExample handler = new CallbackHandlerExample(new PaymentVerifier(client), orders);

    garbage().forEach(body -> assertThat(handler.handle(body)).as(String.valueOf(body))
        .isEqualTo(400));
    assertThat(handler.handle(callback("order-h-1", payment.code()))).isEqualTo(200);
    assertThat(handler.fulfilled).isEmpty();
    mixpay.mock().payInFull(payment.code().toString());
    assertThat(handler.handle(callback("order-h-1", payment.code()))).isEqualTo(200);
    assertThat(handler.handle(callback("order-h-1", payment.code()))).isEqualTo(200);
    assertThat(handler.fulfilled).containsExactly("order-h-1");
  }
}
