package dev.mixpaykit.mock.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.tomakehurst.wiremock.admin.Router;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.AdminApiExtension;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.io.IOException;
import java.time.Duration;

/**
 * The test controls over HTTP, beside WireMock's own admin API (whose
 * {@code GET /__admin/requests} is the request journal):
 *
 * <pre>
 * POST   /__admin/mixpay/next        {"payeeId"?, "orderId"?, and one of
 *                                     "errorCode": 10008 | "delayMs": 3000 | "drop": true}
 * PUT    /__admin/mixpay/rate-limit  {"requestsPerMinute": 60}
 * DELETE /__admin/mixpay/rate-limit
 * GET    /__admin/mixpay/payments
 * POST   /__admin/mixpay/reset
 * POST   /__admin/mixpay/payments/{code}/pending
 * POST   /__admin/mixpay/payments/{code}/pay     {"amount"?: "5"}  (default: the rest of the price)
 * POST   /__admin/mixpay/payments/{code}/fail    {"failureCode": "40032", "failureReason"?}
 * POST   /__admin/mixpay/payments/{code}/expire
 * GET    /__admin/mixpay/callbacks
 * </pre>
 */
public final class ControlApi implements AdminApiExtension {

  /** What the admin API drives; implemented by the mock itself. */
  public interface Target {
    void add(TestControls.Rule rule);

    void rateLimit(int requestsPerMinute);

    void noRateLimit();

    Object payments();

    void reset();

    boolean isCatalogued(int code);

    dev.mixpaykit.mock.MixPayMock mock();
  }

  private static final ObjectMapper PAYMENTS = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .build();

  private final Target target;

  public ControlApi(Target target) {
    this.target = target;
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
        if (!body.path("errorCode").canConvertToInt() || !target.isCatalogued(code)) {
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
      target.add(new TestControls.Rule(payeeId, orderId, action));
      return json(201, "{\"queued\":true}");
    });
    router.add(RequestMethod.PUT, "/mixpay/rate-limit", (admin, event, params) -> {
      JsonNode body = body(event.getRequest().getBodyAsString());
      int n = body == null ? 0 : body.path("requestsPerMinute").asInt(0);
      if (n < 1) {
        return problem("requestsPerMinute must be a positive integer");
      }
      target.rateLimit(n);
      return json(200, "{\"requestsPerMinute\":" + n + "}");
    });
    router.add(RequestMethod.DELETE, "/mixpay/rate-limit", (admin, event, params) -> {
      target.noRateLimit();
      return json(200, "{\"requestsPerMinute\":null}");
    });
    router.add(RequestMethod.GET, "/mixpay/payments", (admin, event, params) -> {
      return json(200, target.payments());
    });
    router.add(RequestMethod.POST, "/mixpay/payments/{code}/pay", (admin, event, params) -> {
      JsonNode body = body(event.getRequest().getBodyAsString());
      String amount = body == null ? null : body.path("amount").asText(null);
      return paymentChange(() -> amount == null ? target.mock().payInFull(params.get("code"))
          : target.mock().pay(params.get("code"), new java.math.BigDecimal(amount)));
    });
    router.add(RequestMethod.POST, "/mixpay/payments/{code}/fail", (admin, event, params) -> {
      JsonNode body = body(event.getRequest().getBodyAsString());
      String code = body == null ? null : body.path("failureCode").asText(null);
      if (code == null) {
        return problem("failureCode is required, e.g. \"40032\"");
      }
      return paymentChange(() -> target.mock().fail(params.get("code"), code,
          body.path("failureReason").asText("")));
    });
    router.add(RequestMethod.POST, "/mixpay/payments/{code}/pending", (admin, event, params) ->
        paymentChange(() -> target.mock().markPending(params.get("code"))));
    router.add(RequestMethod.POST, "/mixpay/payments/{code}/expire", (admin, event, params) ->
        paymentChange(() -> target.mock().expire(params.get("code"))));
    router.add(RequestMethod.GET, "/mixpay/callbacks", (admin, event, params) -> {
      return json(200, target.mock().callbacks());
    });
    router.add(RequestMethod.POST, "/mixpay/reset", (admin, event, params) -> {
      target.reset();
      return json(200, "{\"reset\":true}");
    });
  }

  private static ResponseDefinition paymentChange(
      java.util.function.Supplier<dev.mixpaykit.mock.CreatedPayment> change) {
    try {
      return json(200, change.get());
    } catch (NumberFormatException e) {
      return problem("amount must be a decimal string, e.g. \"5\"");
    } catch (IllegalArgumentException e) {
      return json(404, "{\"error\":" + com.fasterxml.jackson.databind.node.TextNode
          .valueOf(e.getMessage()) + "}");
    } catch (IllegalStateException e) {
      return json(409, "{\"error\":" + com.fasterxml.jackson.databind.node.TextNode
          .valueOf(e.getMessage()) + "}");
    }
  }

  private static JsonNode body(String text) {
    try {
      JsonNode node = RequestBody.MAPPER.readTree(text == null || text.isBlank() ? "{}" : text);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static ResponseDefinition problem(String message) {
    return json(400, "{\"error\":" + com.fasterxml.jackson.databind.node.TextNode
        .valueOf(message) + "}");
  }

  private static ResponseDefinition json(int status, Object value) {
    try {
      return json(status, PAYMENTS.writeValueAsString(value));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ResponseDefinition json(int status, String body) {
    return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
        .withHeader("Content-Type", "application/json").withBody(body).build();
  }
}
