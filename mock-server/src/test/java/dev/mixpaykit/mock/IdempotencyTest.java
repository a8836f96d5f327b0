package dev.mixpaykit.mock;

import static dev.mixpaykit.mock.Contract.form;
import static dev.mixpaykit.mock.Contract.minimal;
import static dev.mixpaykit.mock.Contract.strict;
import static dev.mixpaykit.mock.Contract.wrongOnPurpose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** payeeId+orderId, or traceId, identify a payment: repeats are safe, conflicts are 10020. */
class IdempotencyTest {

  @RegisterExtension
  static MixPayMockExtension mixpay = new MixPayMockExtension();

  @Test
  void repeatingAnOrderWithTheSameParametersReturnsTheSameCode() {
    String first = create(minimal("order-repeat"));
    Map<String, Object> again = minimal("order-repeat");
    again.put("quoteAmount", "10.00"); // the same amount, written differently
    again.put("strictMode", "false"); // the default, now explicit

    assertThat(create(again)).isEqualTo(first);
    assertThat(mixpay.mock().payments()).hasSize(1);
  }

  @Test
  void repeatingAnOrderWithOtherParametersIsAConflict() {
    create(minimal("order-conflict"));
    Map<String, Object> other = minimal("order-conflict");
    other.put("quoteAmount", "11");

    form(strict(mixpay.mock()), other).post("/v1/one_time_payment")
        .then().statusCode(409).body("code", equalTo(10020))
        .body("message", containsString("other parameters"));
    assertThat(mixpay.mock().payments()).hasSize(1);
  }

  @Test
  void theSameOrderIdForAnotherPayeeIsAnotherPayment() {
    String a = create(minimal("order-shared"));
    Map<String, Object> otherPayee = minimal("order-shared");
    otherPayee.put("payeeId", "a38ed284-5689-4fb9-8c2a-91fba5e32ce9");

    assertThat(create(otherPayee)).isNotEqualTo(a);
  }

  @Test
  void aTraceIdIdentifiesAPaymentOnItsOwn() {
    String trace = UUID.randomUUID().toString();
    Map<String, Object> fields = minimal("order-trace-1");
    fields.remove("orderId");
    fields.put("traceId", trace);
    assertThat(create(fields)).isEqualTo(trace);
    assertThat(create(fields)).isEqualTo(trace);

    fields.put("quoteAmount", "12");
    form(wrongOnPurpose(mixpay.mock()), fields).post("/v1/one_time_payment")
        .then().statusCode(409).body("code", equalTo(10020));
  }

  @Test
  void thirtyTwoConcurrentRepeatsOfOneOrderGetExactlyOneCode() throws Exception {
    String body = Contract.encode(minimal("order-race"));
    HttpClient http = HttpClient.newHttpClient();
    ExecutorService pool = Executors.newFixedThreadPool(32);
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < 32; i++) {
        answers.add(CompletableFuture.supplyAsync(() -> {
          try {
            start.await();
            return http.send(HttpRequest.newBuilder(URI.create(mixpay.baseUrl()
                    + "/v1/one_time_payment"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }, pool));
      }
      start.countDown();
      Set<String> codes = new HashSet<>();
      for (CompletableFuture<HttpResponse<String>> answer : answers) {
        HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        codes.add(response.body().replaceAll(".*\"data\":\\{\"code\":\"([^\"]+)\".*", "$1"));
      }
      assertThat(codes).hasSize(1);
      assertThat(mixpay.mock().payments()).singleElement()
          .satisfies(p -> assertThat(codes).containsExactly(p.code()));
    } finally {
      pool.shutdownNow();
    }
  }

  private static String create(Map<String, Object> fields) {
    return form(wrongOnPurpose(mixpay.mock()), fields).post("/v1/one_time_payment")
        .then().statusCode(200).extract().path("data.code");
  }
}
