package dev.mixpaykit.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mixpaykit.sdk.MixPayClient;
import dev.mixpaykit.sdk.OneTimePayment;
import dev.mixpaykit.sdk.OneTimePaymentRequest;
import dev.mixpaykit.sdk.PaymentCallback;
import dev.mixpaykit.sdk.PaymentVerification;
import dev.mixpaykit.sdk.PaymentVerifier;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A merchant's side of a MixPay one-time payment, the way MixPay asks for it: create the
 * payment with a callback URL, and on each callback verify the payment with the result query
 * (never the callback alone) and fulfil the order once, however many times the callback comes.
 */
public final class Shop implements AutoCloseable {

  /** An order and what happened to it. */
  public static final class Order {
    final OneTimePaymentRequest request;
    final AtomicInteger fulfilments = new AtomicInteger();
    volatile PaymentVerification lastRefusal;

    Order(OneTimePaymentRequest request) {
      this.request = request;
    }

    public int fulfilments() {
      return fulfilments.get();
    }

    public PaymentVerification lastRefusal() {
      return lastRefusal;
    }
  }

  private final MixPayClient mixpay;
  private final PaymentVerifier verifier;
  private final HttpServer server;
  private final Map<String, Order> orders = new ConcurrentHashMap<>();
  // For the demonstration: the first answer after a fulfilment is lost (HTTP 500), as if the
  // shop crashed before answering, so MixPay delivers the callback again.
  private final AtomicBoolean loseNextAnswer = new AtomicBoolean();

  public Shop(MixPayClient mixpay) throws IOException {
    this.mixpay = mixpay;
    this.verifier = new PaymentVerifier(mixpay);
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.createContext("/mixpay/callback", this::onCallback);
    server.start();
  }

  public URI callbackUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mixpay/callback");
  }

  /** Creates the payment for an order; returns where to send the payer. */
  public URI placeOrder(String orderId, BigDecimal amount) {
    OneTimePaymentRequest request = OneTimePaymentRequest.builder()
        .payeeId("a0d7791408776b47eb1dd3f94ed15d6a")
        .quoteAmount(amount)
        .quoteAssetId("usd")
        .settlementAssetId(UUID.fromString("c6d0c728-2624-429b-8e0d-d9d19b6592fa"))
        .orderId(orderId)
        .callbackUrl(callbackUrl())
        .build();
    OneTimePayment payment = mixpay.createOneTimePayment(request);
    orders.put(orderId, new Order(request));
    return payment.checkoutUrl();
  }

  public Order order(String orderId) {
    return orders.get(orderId);
  }

  public void loseNextAnswer() {
    loseNextAnswer.set(true);
  }

  private void onCallback(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Optional<PaymentCallback> callback = PaymentCallback.tryParse(body);
    Order order = callback.map(PaymentCallback::orderId).map(orders::get).orElse(null);
    if (order == null) {
      answer(exchange, 400, "{\"error\":\"not a callback for an order of ours\"}");
      return;
    }
    // The callback only picks the order: the verifier asks MixPay by the order's own ids.
    PaymentVerification verification = verifier.verify(callback.get(), order.request);
    if (verification.verified()) {
      // Fulfil once: a second delivery of the same callback finds the order done.
      synchronized (order) {
        if (order.fulfilments.get() == 0) {
          order.fulfilments.incrementAndGet();
        }
      }
      if (loseNextAnswer.getAndSet(false)) {
        answer(exchange, 500, "{\"error\":\"crashed before answering\"}");
        return;
      }
    } else if (verification.reason() == PaymentVerification.Reason.LOOKUP_FAILED) {
      answer(exchange, 503, "{\"error\":\"MixPay unreachable; send it again\"}");
      return;
    } else {
      order.lastRefusal = verification;
    }
    // Answered SUCCESS either way: the callback was handled; a refused payment stays unpaid.
    answer(exchange, 200, PaymentCallback.SUCCESS_ANSWER);
  }

  private static void answer(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
