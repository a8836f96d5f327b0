package dev.mixpaykit.mock.internal;

import static dev.mixpaykit.mock.internal.AdminJson.body;
import static dev.mixpaykit.mock.internal.AdminJson.json;
import static dev.mixpaykit.mock.internal.AdminJson.object;
import static dev.mixpaykit.mock.internal.AdminJson.problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.admin.Router;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.AdminApiExtension;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import dev.mixpaykit.mock.CallbackAttempt;
import dev.mixpaykit.mock.CreatedPayment;
import dev.mixpaykit.mock.Failure;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The test controls over HTTP, beside WireMock's own admin API (whose
 * {@code GET /__admin/requests} is the request journal):
 *
 * <pre>
 * POST   /__admin/mixpay/next        {"payeeId"?, "orderId"?, and one of
 *                                     "errorCode": 10008 | "delayMs": 3000 | "drop": true}
 * PUT    /__admin/mixpay/rate-limit  {"requestsPerMinute": 60}
 * DELETE /__admin/mixpay/rate-limit
 * PUT    /__admin/mixpay/error-style {"http200": true}   (GET: the current style)
 * GET    /__admin/mixpay/payments?offset=0&amp;limit=100   (X-Total-Count: how many there are)
 * POST   /__admin/mixpay/reset
 * POST   /__admin/mixpay/payments/{code}/pending
 * POST   /__admin/mixpay/payments/{code}/pay     {"amount"?: "5"}  (default: the rest of the price)
 * POST   /__admin/mixpay/payments/{code}/fail    {"failureCode": 40032, "failureReason"?}
 * POST   /__admin/mixpay/payments/{code}/expire
 * GET    /__admin/mixpay/callbacks
 * POST   /__admin/mixpay/callbacks/await  {"timeoutMs"?: 5000}  (at most 30000; 408 if unsettled)
 * </pre>
 */
public final class ControlApi implements AdminApiExtension {

  /** Payments listed per page when the request does not say. */
  public static final int DEFAULT_PAGE = 100;
  /** The most payments one page lists. */
  public static final int MAX_PAGE = 1000;

  /** The longest one await call holds its Jetty thread. */
  public static final long MAX_AWAIT_MS = 30_000;
  /** Await calls under way at once; more get 429 at once, so they cannot take Jetty's threads. */
  public static final int MAX_AWAITS = 4;

  private final MockState state;
  private final java.util.concurrent.Semaphore awaits =
      new java.util.concurrent.Semaphore(MAX_AWAITS);

  public ControlApi(MockState state) {
    this.state = state;
  }

  @Override
  public String getName() {
    return "mixpay-control-api";
  }

  @Override
  public void contributeAdminApiRoutes(Router router) {
    router.add(RequestMethod.POST, "/mixpay/next", (admin, event, params) -> {
      JsonNode body = body(event.getRequest().getBodyAsString());
      if (body == null) {
        return problem("the body must be a JSON object");
      }
      String payeeId = body.path("payeeId").asText(null);
      String orderId = body.path("orderId").asText(null);
      int actions = (body.has("errorCode") ? 1 : 0) + (body.has("delayMs") ? 1 : 0)
          + (body.path("drop").asBoolean(false) ? 1 : 0);
      if (actions != 1) {
        return problem("give exactly one of errorCode, delayMs, drop");
      }
      TestControls.Action action;
      if (body.has("errorCode")) {
        int code = body.path("errorCode").asInt();
        if (!body.path("errorCode").canConvertToInt() || !state.isCatalogued(code)) {
          return problem("errorCode must be a code of the spec's error catalogue");
        }
        action = new TestControls.Fail(code);
      } else if (body.has("delayMs")) {
        long ms = body.path("delayMs").asLong(-1);
        if (ms < 0 || ms > 600_000) {
          return problem("delayMs must be between 0 and 600000");
        }
        action = new TestControls.Delay(Duration.ofMillis(ms));
      } else {
        action = new TestControls.Drop();
      }
      state.controls().add(new TestControls.Rule(payeeId, orderId, action));
      return json(201, object().put("queued", true));
    });
    router.add(RequestMethod.PUT, "/mixpay/rate-limit", (admin, event, params) -> {
      JsonNode body = body(event.getRequest().getBodyAsString());
      JsonNode n = body == null ? null : body.get("requestsPerMinute");
      if (n == null || !n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 1) {
        return problem("requestsPerMinute must be a positive integer");
      }
      state.controls().rateLimiter().on(n.asInt());
      return json(200, object().put("requestsPerMinute", n.asInt()));
    });
    router.add(RequestMethod.DELETE, "/mixpay/rate-limit", (admin, event, params) -> {
      state.controls().rateLimiter().off();
      return json(200, object().putNull("requestsPerMinute"));
    });
    router.add(RequestMethod.PUT, "/mixpay/error-style", (admin, event, params) -> {
      JsonNode body = body(event.getRequest().getBodyAsString());
      JsonNode on = body == null ? null : body.get("http200");
      if (on == null || !on.isBoolean()) {
        return problem("give {\"http200\": true} or {\"http200\": false}");
      }
      state.errorStyle().http200(on.booleanValue());
      return json(200, object().put("http200", on.booleanValue()));
    });
    router.add(RequestMethod.GET, "/mixpay/error-style", (admin, event, params) ->
        json(200, object().put("http200", state.errorStyle().http200())));
    router.add(RequestMethod.GET, "/mixpay/payments", (admin, event, params) -> {
      Integer offset = number(event.getRequest().queryParameter("offset"), 0);
      Integer limit = number(event.getRequest().queryParameter("limit"), DEFAULT_PAGE);
      if (offset == null || limit == null || limit < 1 || limit > MAX_PAGE) {
        return problem("offset must be 0 or more and limit 1 to " + MAX_PAGE);
      }
      ArrayNode page = JsonNodeFactory.instance.arrayNode();
      state.payments().payments(offset, limit).forEach(p -> page.add(payment(p)));
      return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
          .withHeader("Content-Type", "application/json")
          .withHeader("X-Total-Count", Integer.toString(state.payments().size()))
          .withBody(page.toString()).build();
    });
    router.add(RequestMethod.POST, "/mixpay/payments/{code}/pay", (admin, event, params) -> {
      JsonNode body = body(event.getRequest().getBodyAsString());
      if (body == null) {
        return problem("the body must be a JSON object");
      }
      JsonNode amount = body.get("amount");
      if (amount == null || amount.isNull()) {
        return paymentChange(() -> state.payments().pay(params.get("code"), null));
      }
      String text = amount.isNumber() ? amount.asText() : amount.asText("");
      if (!(amount.isTextual() || amount.isNumber())
          || Rules.decimalProblem(text, SpecModel.DecimalBounds.DEFAULT) != null
          || new BigDecimal(text).signum() <= 0) {
        return problem("amount must be a positive decimal in plain notation, e.g. \"5\"");
      }
      return paymentChange(() -> state.payments().pay(params.get("code"),
          new BigDecimal(text)));
    });
    router.add(RequestMethod.POST, "/mixpay/payments/{code}/fail", (admin, event, params) -> {
      JsonNode body = body(event.getRequest().getBodyAsString());
      JsonNode code = body == null ? null : body.get("failureCode");
      String text = code == null ? "" : code.asText("");
      if (!text.matches("[1-9][0-9]{0,8}")) {
        return problem("failureCode must be a positive integer, e.g. 40032");
      }
      Failure failure = new Failure(Integer.parseInt(text), body.path("failureReason").asText(""));
      return paymentChange(() -> state.payments().fail(params.get("code"), failure));
    });
    router.add(RequestMethod.POST, "/mixpay/payments/{code}/pending", (admin, event, params) ->
        paymentChange(() -> state.payments().pending(params.get("code"))));
    router.add(RequestMethod.POST, "/mixpay/payments/{code}/expire", (admin, event, params) ->
        paymentChange(() -> state.payments().expire(params.get("code"))));
    router.add(RequestMethod.GET, "/mixpay/callbacks", (admin, event, params) ->
        json(200, attempts(state.callbacks().attempts())));
    router.add(RequestMethod.POST, "/mixpay/callbacks/await", (admin, event, params) -> {
      JsonNode body = body(event.getRequest().getBodyAsString());
      JsonNode timeout = body == null ? null : body.get("timeoutMs");
      if (body == null || body.size() > (timeout == null ? 0 : 1)
          || timeout != null && !(timeout.isIntegralNumber() && timeout.canConvertToLong()
              && timeout.asLong() >= 0 && timeout.asLong() <= MAX_AWAIT_MS)) {
        return problem("give {\"timeoutMs\": 0.." + MAX_AWAIT_MS + "} or {} (5000)");
      }
      if (!awaits.tryAcquire()) {
        return json(429, object().put("error", MAX_AWAITS + " await calls are under way"));
      }
      try {
        return json(200, attempts(state.callbacks().awaitSettled(
            Duration.ofMillis(timeout == null ? 5000 : timeout.asLong()))));
      } catch (IllegalStateException e) {
        return json(408, object().put("error", e.getMessage()));
      } finally {
        awaits.release();
      }
    });
    router.add(RequestMethod.POST, "/mixpay/reset", (admin, event, params) -> {
      state.reset(admin);
      return json(200, object().put("reset", true));
    });
  }

  private static ArrayNode attempts(java.util.List<CallbackAttempt> attempts) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (CallbackAttempt a : attempts) {
      out.addObject().put("paymentCode", a.paymentCode()).put("event", a.event())
          .put("url", a.url().toString()).put("attempt", a.attempt())
          .put("sentAt", a.sentAt().toString()).put("httpStatus", a.httpStatus())
          .put("answer", a.answer()).put("error", a.error()).put("accepted", a.accepted());
    }
    return out;
  }

  /** A payment as the admin API shows it: amounts as plain decimal strings. */
  static ObjectNode payment(CreatedPayment p) {
    ObjectNode o = object().put("code", p.code()).put("payeeId", p.payeeId())
        .put("orderId", p.orderId()).put("traceId", p.traceId())
        .put("status", p.status().wireName())
        .put("quoteAmount", PaymentResults.plain(p.quoteAmount()))
        .put("paidAmount", PaymentResults.plain(p.paidAmount()))
        .put("createdAt", p.createdAt().toString())
        .put("paidAt", p.paidAt() == null ? null : p.paidAt().toString());
    if (p.failure() == null) {
      o.putNull("failureCode").put("failureReason", "");
    } else {
      o.put("failureCode", p.failure().code()).put("failureReason", p.failure().reason());
    }
    ObjectNode parameters = o.putObject("parameters");
    p.parameters().forEach(parameters::put);
    return o;
  }

  private static Integer number(QueryParameter parameter, int otherwise) {
    if (parameter == null || !parameter.isPresent()) {
      return otherwise;
    }
    String text = parameter.firstValue();
    return text.matches("[0-9]{1,9}") ? Integer.valueOf(text) : null;
  }

  private static ResponseDefinition paymentChange(Supplier<CreatedPayment> change) {
    try {
      return json(200, payment(change.get()));
    } catch (IllegalArgumentException e) {
      return json(404, object().put("error", e.getMessage()));
    } catch (IllegalStateException e) {
      return json(409, object().put("error", e.getMessage()));
    }
  }
}
