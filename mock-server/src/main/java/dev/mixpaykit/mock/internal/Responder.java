package dev.mixpaykit.mock.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.mixpaykit.mock.CreatedPayment;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Answers every request the way MixPay would, from the spec: route, rate limit, reading the
 * body or query once, test controls, validation, then the operation itself. Bad input of any
 * kind ends in a MixPay error envelope; nothing here lets an exception reach WireMock.
 */
public final class Responder {

  private final SpecModel spec;
  private final Envelopes envelopes;
  private final RequestRules rules;
  private final PaymentStore payments;
  private final TestControls controls;
  // Worked out once per request body schema; read-only after construction.
  private final Map<SpecModel.BodySchema, Creation> creations = new IdentityHashMap<>();

  public Responder(SpecModel spec, RequestRules rules, Envelopes envelopes,
      PaymentStore payments, TestControls controls) {
    this.spec = spec;
    this.envelopes = envelopes;
    this.rules = rules;
    this.payments = payments;
    this.controls = controls;
    for (SpecModel.Route route : spec.routes()) {
      route.bodies().values().forEach(b -> creations.put(b, new Creation(route, b)));
    }
  }

  public Envelopes envelopes() {
    return envelopes;
  }

  public ResponseDefinition transform(ServeEvent serveEvent) {
    Map<String, String> headers = new LinkedHashMap<>();
    try {
      return respond(serveEvent.getRequest(), headers).build();
    } catch (RuntimeException e) {
      // A bug in the mock must still look like MixPay's own server error, not a stack trace.
      return answer(envelopes.error(ErrorCatalogue.SERVER_ERROR,
          "(mock: " + e.getClass().getSimpleName() + ")"), headers).build();
    }
  }

  private ResponseDefinitionBuilder respond(Request request, Map<String, String> headers) {
    String method = request.getMethod().getName().toUpperCase(Locale.ROOT);
    String url = request.getUrl();
    int q = url.indexOf('?');
    String path = q < 0 ? url : url.substring(0, q);
    List<SpecModel.Route> routes = spec.routesFor(path);
    if (routes.isEmpty()) {
      return error(ErrorCatalogue.NOT_FOUND, "no route " + method + " " + shorten(path), headers);
    }
    SpecModel.Route route = routes.stream().filter(r -> r.method().equals(method))
        .findFirst().orElse(null);
    if (route == null) {
      String allowed = routes.stream().map(SpecModel.Route::method)
          .collect(Collectors.joining(", "));
      return error(ErrorCatalogue.NOT_FOUND, method + " is not allowed on " + shorten(path)
          + "; use " + allowed, headers);
    }

    RateLimiter.Decision rate = route.otherServer() ? null : controls.rateLimiter().acquire();
    if (rate != null) {
      headers.put("x-ratelimit-limit", Integer.toString(rate.limit()));
      headers.put("x-ratelimit-remaining", Integer.toString(rate.remaining()));
      if (!rate.allowed()) {
        headers.put("Retry-After", Long.toString(rate.retryAfterSeconds()));
        return error(ErrorCatalogue.RATE_LIMITED, null, headers);
      }
    }

    // The one reading of the request: everything after works on these typed fields.
    RequestBody.Read read = RequestBody.Read.empty();
    String unreadable = null;
    SpecModel.BodySchema body = null;
    if (!route.bodies().isEmpty()) {
      String mediaType = RequestBody.mediaType(request.getHeader("Content-Type"));
      body = route.body(mediaType);
      byte[] bytes = request.getBody() == null ? new byte[0] : request.getBody();
      if (body == null) {
        unreadable = "Content-Type must be " + String.join(" or ", route.bodies().keySet())
            + " (got " + (mediaType == null ? "none" : shorten(mediaType)) + ")";
      } else if (isBlank(bytes)) {
        unreadable = "the body is empty; required: " + String.join(", ", body.required());
      } else {
        try {
          read = RequestBody.read(mediaType, bytes, body);
        } catch (RequestBody.Unreadable e) {
          unreadable = e.getMessage();
        }
      }
    } else if (!route.query().isEmpty() && q >= 0) {
      try {
        read = RequestBody.query(url.substring(q + 1), route.query());
      } catch (RequestBody.Unreadable e) {
        unreadable = e.getMessage();
      }
    }

    TestControls.Rule rule = controls.hasRules() ? controls.take(read.fields()) : null;
    if (rule != null && rule.action() instanceof TestControls.Fail fail) {
      return error(fail.errorCode(), null, headers);
    }
    Chaos.Decision chaos = rule != null || route.otherServer() ? null
        : controls.chaos().decide(String.valueOf(route.operationId()), read.fields());
    if (chaos != null && chaos.errorCode() != 0) {
      if (chaos.errorCode() == ErrorCatalogue.RATE_LIMITED) {
        headers.put("Retry-After", Long.toString(chaos.retryAfterSeconds()));
      }
      return error(chaos.errorCode(), null, headers).withFixedDelay((int) chaos.delayMs());
    }
    ResponseDefinitionBuilder answer;
    if (unreadable != null) {
      answer = error(ErrorCatalogue.PARAMETER_ERROR, unreadable, headers);
    } else {
      answer = switch (String.valueOf(route.operationId())) {
        case "createOneTimePayment" -> createOneTimePayment(route, body, read, headers);
        case "getPaymentResult" -> paymentResult(route, read, headers);
        case "openCheckout" -> checkout(path.substring(path.lastIndexOf('/') + 1));
        default -> error(ErrorCatalogue.NOT_FOUND, "the mock does not simulate operation "
            + route.operationId(), headers);
      };
    }
    if (rule != null && rule.action() instanceof TestControls.Delay delay) {
      answer.withFixedDelay((int) delay.delay().toMillis());
    } else if (rule != null && rule.action() instanceof TestControls.Drop) {
      answer.withFault(Fault.CONNECTION_RESET_BY_PEER);
    } else if (chaos != null) {
      if (chaos.reset()) {
        answer.withFault(Fault.CONNECTION_RESET_BY_PEER);
      }
      answer.withFixedDelay((int) chaos.delayMs());
    }
    return answer;
  }

  private ResponseDefinitionBuilder createOneTimePayment(SpecModel.Route route,
      SpecModel.BodySchema body, RequestBody.Read read, Map<String, String> headers) {
    List<Violation> violations = rules.check(read, body);
    if (!violations.isEmpty()) {
      return violations(violations, headers);
    }
    Creation creation = creations.get(body);
    for (String name : creation.ignored) {
      read.fields().remove(name);
    }
    PaymentStore.Outcome outcome = payments.create(read.fields(), creation.defaults,
        creation.keys);
    return switch (outcome.kind()) {
      case CONFLICT -> error(creation.conflictCode, "payment " + outcome.payment().code()
          + (outcome.payment().isFinal() ? " is already " + outcome.payment().status()
              : " was created with other parameters"), headers);
      case FULL -> error(ErrorCatalogue.SERVER_ERROR, "(mock: it holds its limit of "
          + payments.maxPayments() + " unfinished payments; finish or reset some)", headers);
      case CREATED, FOUND -> answer(envelopes.success(
          Map.of("code", outcome.payment().code())), headers);
    };
  }

  /** What creating needs from the spec, worked out once per request schema. */
  private static final class Creation {
    final Map<String, JsonNode> defaults = new LinkedHashMap<>();
    final List<List<String>> keys;
    final int conflictCode;
    final List<String> ignored = new ArrayList<>();

    Creation(SpecModel.Route route, SpecModel.BodySchema body) {
      for (SpecModel.Field field : body.fields().values()) {
        if (field.defaultValue() != null) {
          defaults.put(field.name(), field.defaultValue());
        }
        // Deprecated fields (isTemp) are accepted and ignored, as MixPay does.
        if (field.deprecated()) {
          ignored.add(field.name());
        }
      }
      keys = route.idempotency() == null ? List.of() : route.idempotency().keys();
      conflictCode = route.idempotency() == null ? ErrorCatalogue.PARAMETER_ERROR
          : route.idempotency().conflictCode();
    }
  }

  private ResponseDefinitionBuilder paymentResult(SpecModel.Route route, RequestBody.Read read,
      Map<String, String> headers) {
    List<Violation> violations = rules.checkParameters(read, route);
    if (!violations.isEmpty()) {
      return violations(violations, headers);
    }
    String traceId = read.fields().path("traceId").asText(null);
    String orderId = read.fields().path("orderId").asText(null);
    String payeeId = read.fields().path("payeeId").asText(null);
    Optional<CreatedPayment> payment = traceId != null ? payments.byCode(traceId)
        : payments.byOrder(payeeId, orderId);
    if (payment.isEmpty()) {
      return error(ErrorCatalogue.NOT_FOUND, "no payment with " + (traceId != null
          ? "traceId " + traceId : "orderId " + orderId + " for payee " + payeeId), headers);
    }
    return answer(envelopes.success(PaymentResults.data(payment.get())), headers);
  }

  /** The hosted checkout, as the payer would see it for the code's state. */
  private ResponseDefinitionBuilder checkout(String code) {
    Optional<CreatedPayment> found = payments.byCode(code);
    if (found.isEmpty()) {
      return page(404, "not_found", envelopes.catalogue().get(ErrorCatalogue.NOT_FOUND)
          .message());
    }
    CreatedPayment p = found.get();
    return switch (p.status()) {
      case SUCCESS -> page(200, "success", "This payment has been completed.");
      case FAILED -> page(410, "failed", "This payment link has expired.");
      default -> page(200, p.status().wireName(), "Pay " + p.parameters().get("quoteAmount")
          + " " + p.parameters().get("quoteAssetId").toUpperCase(Locale.ROOT));
    };
  }

  private static ResponseDefinitionBuilder page(int status, String state, String heading) {
    String html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>MixPay</title>"
        + "</head><body data-status=\"" + state + "\"><h1>"
        + heading.replace("&", "&amp;").replace("<", "&lt;") + "</h1></body></html>";
    return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
        .withHeader("Content-Type", "text/html; charset=utf-8").withBody(html);
  }

  /** One envelope naming every violation; its code is the generic one unless all agree. */
  private ResponseDefinitionBuilder violations(List<Violation> violations,
      Map<String, String> headers) {
    int code = violations.stream().allMatch(v -> v.code() == violations.get(0).code())
        ? violations.get(0).code() : ErrorCatalogue.PARAMETER_ERROR;
    return error(code, violations.stream().map(Violation::toString)
        .collect(Collectors.joining("; ")), headers);
  }

  private ResponseDefinitionBuilder error(int code, String detail, Map<String, String> headers) {
    return answer(envelopes.error(code, detail), headers);
  }

  private static ResponseDefinitionBuilder answer(Envelopes.Answer answer,
      Map<String, String> headers) {
    ResponseDefinitionBuilder b = ResponseDefinitionBuilder.responseDefinition()
        .withStatus(answer.status())
        .withHeader("Content-Type", "application/json");
    headers.forEach(b::withHeader);
    return b.withBody(answer.json());
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }

  /** Echoed input stays short: a message names what was wrong, it does not repeat it all. */
  private static String shorten(String text) {
    return text.length() > 100 ? text.substring(0, 100) + "..." : text;
  }

}
