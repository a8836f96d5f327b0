package dev.mixpaykit.mock;

import static dev.mixpaykit.mock.Contract.form;
import static dev.mixpaykit.mock.Contract.minimal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

/** The store holds at most maxPayments; it forgets finished payments, never unfinished ones. */
class StoreBoundTest {

  @Test
  void whenFullTheOldestFinishedPaymentMakesRoomOtherwiseTheNewOneIsRefused() {
    try (MixPayMock mock = MixPayMock.builder().maxPayments(2).build().start()) {
      String first = create(mock, "order-bound-1");
      String second = create(mock, "order-bound-2");

      form(RestAssured.given().baseUri(mock.baseUrl()), minimal("order-bound-3"))
          .post("/v1/one_time_payment").then().statusCode(500).body("code", equalTo(-1))
          .body("message", equalTo("Server error, please try again later. (mock: it holds its"
              + " limit of 2 unfinished payments; finish or reset some)."));
      assertThat(mock.payments()).extracting(CreatedPayment::code).containsExactly(first, second);

      mock.payInFull(second);
      mock.fail(first, Failure.CANCELLED); // finished after second: forgotten after it
      String third = create(mock, "order-bound-3");
      assertThat(mock.payments()).extracting(CreatedPayment::code).containsExactly(first, third);
      String fourth = create(mock, "order-bound-4");
      assertThat(mock.payments()).extracting(CreatedPayment::code).containsExactly(third, fourth);
      // A forgotten payment is unknown again, like any payment MixPay does not know.
      RestAssured.given().baseUri(mock.baseUrl()).get("/v1/payments_result?traceId=" + second)
          .then().statusCode(404);
    }
  }

  @Test
  void concurrentCreatesIntoANearlyFullStoreLoseNothingTheyWereToldWasCreated() throws Exception {
    try (MixPayMock mock = MixPayMock.builder().maxPayments(20).build().start()) {
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      java.util.List<java.util.concurrent.Future<java.net.http.HttpResponse<String>>> answers =
          new java.util.ArrayList<>();
      try {
        for (int i = 0; i < 64; i++) {
          String body = Contract.encode(minimal("order-full-" + i));
          answers.add(pool.submit(() -> {
            go.await();
            return http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(mock.baseUrl() + "/v1/one_time_payment"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
          }));
        }
        go.countDown();
        java.util.Set<String> created = new java.util.HashSet<>();
        int refused = 0;
        for (var answer : answers) {
          var r = answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
          if (r.statusCode() == 200) {
            created.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body())
                .path("data").path("code").asText());
          } else {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(500);
            refused++;
          }
        }
        assertThat(created).hasSize(20);
        assertThat(refused).isEqualTo(44);
        assertThat(mock.payments()).extracting(CreatedPayment::code)
            .containsExactlyInAnyOrderElementsOf(created);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void theAdminListingIsPaged() {
    try (MixPayMock mock = MixPayMock.builder().build().start()) {
      for (int i = 0; i < 5; i++) {
        create(mock, "order-page-" + i);
      }
      admin(mock).get("/__admin/mixpay/payments?offset=1&limit=2").then().statusCode(200)
          .header("X-Total-Count", "5")
          .body("orderId", equalTo(java.util.List.of("order-page-1", "order-page-2")));
      admin(mock).get("/__admin/mixpay/payments").then().body("", org.hamcrest.Matchers.hasSize(5));
      admin(mock).get("/__admin/mixpay/payments?limit=0").then().statusCode(400);
      admin(mock).get("/__admin/mixpay/payments?offset=x").then().statusCode(400);
    }
  }

  // A fresh specification per request: REST Assured keeps a URL's query in the one it parsed.
  private static io.restassured.specification.RequestSpecification admin(MixPayMock mock) {
    return RestAssured.given().baseUri(mock.baseUrl());
  }

  private static String create(MixPayMock mock, String orderId) {
    return form(RestAssured.given().baseUri(mock.baseUrl()), minimal(orderId))
        .post("/v1/one_time_payment").then().statusCode(200).extract().path("data.code");
  }
}
