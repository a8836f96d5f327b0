package dev.mixpaykit.mock.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.mixpaykit.mock.CreatedPayment;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Answers every request the way MixPay would, from the spec: route, rate limit, test controls,
 * body reading, validation, then the operation itself. Bad input of any kind ends in a MixPay
 * error envelope; nothing here lets an exception reach WireMock.
 */
public final class Responder {

  private final SpecModel spec;
  private final ErrorCatalogue catalogue;
  private final RequestRules rules;
  private final PaymentStore payments;
  private final TestControls controls;
  private final Clock clock;
  private final int maxBodyBytes;
  // Keyed by operationId and media type: cheap to hash, unlike the schema objects themselves.
  private final Map<String, Creation> creations = new ConcurrentHashMap<>();

  public Responder(SpecModel spec, RequestRules rules, PaymentStore payments,
      TestControls controls, Clock clock, int maxBodyBytes) {
    this.spec = spec;
    this.catalogue = spec.catalogue();
    this.rules = rules;
    this.payments = payments;
    this.controls = controls;
    this.clock = clock;
    this.maxBodyBytes = maxBodyBytes;
  }

  public ErrorCatalogue catalogue() {
    return catalogue;
  }

  public ResponseDefinition transform(ServeEvent serveEvent) {
    Request request = serveEvent.getRequest();
    Map<String, String> headers = new LinkedHashMap<>();
    try {
      return respond(request, headers).build();
    } catch (RuntimeException e) {
      // A bug in the mock must still look like MixPay's own server error, not a stack trace.
      return envelope(ErrorCatalogue.SERVER_ERROR,
          catalogue.get(ErrorCatalogue.SERVER_ERROR).message() + " (mock: " + e + ")", headers)
          .build();
    }
  }

  private ResponseDefinitionBuilder respond(Request request, Map<String, String> headers) {
    String method = request.getMethod().getName().toUpperCase(Locale.ROOT);
    String url = request.getUrl();
    String path = url.indexOf('?') < 0 ? url : url.substring(0, url.indexOf('?'));
    List<SpecModel.Route> routes = spec.routesFor(path);
    if (routes.isEmpty()) {
      return error(ErrorCatalogue.NOT_FOUND, "no route " + method + " " + path, headers);
    }
    SpecModel.Route route = routes.stream().filter(r -> r.method().equals(method))
        .findFirst().orElse(null);
    if (route == null) {
      String allowed = routes.stream().map(SpecModel.Route::method)
          .collect(Collectors.joining(", "));
      return error(ErrorCatalogue.NOT_FOUND, method + " is not allowed on " + path
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

    String mediaType = mediaType(request);
    // Decoded here, as UTF-8: WireMock would trust the charset a client names, even a bogus one.
    String body = request.getBody() == null ? ""
        : new String(request.getBody(), java.nio.charset.StandardCharsets.UTF_8);
    TestControls.Rule rule = controls.hasRules()
        ? controls.take(RequestBody.lenient(mediaType, body)) : null;
    if (rule != null && rule.action() instanceof TestControls.Fail fail) {
      return error(fail.errorCode(), null, headers);
    }

    ResponseDefinitionBuilder answer = switch (String.valueOf(route.operationId())) {
      case "createOneTimePayment" -> createOneTimePayment(route.operation(), request, mediaType,
          body, headers);
      case "getPaymentResult" -> paymentResult(route.operation(), url, headers);
      case "openCheckout" -> checkout(path.substring(path.lastIndexOf('/') + 1));
      default -> error(ErrorCatalogue.NOT_FOUND, "the mock does not simulate operation "
          + route.operationId(), headers);
    };
    if (rule != null && rule.action() instanceof TestControls.Delay delay) {
      answer.withFixedDelay((int) delay.delay().toMillis());
    } else if (rule != null && rule.action() instanceof TestControls.Drop) {
      answer.withFault(Fault.CONNECTION_RESET_BY_PEER);
    }
    return answer;
  }

  private ResponseDefinitionBuilder createOneTimePayment(Operation op, Request request,
      String mediaType, String body, Map<String, String> headers) {
    var content = op.getRequestBody().getContent();
    if (mediaType == null || !content.containsKey(mediaType)) {
      return error(ErrorCatalogue.PARAMETER_ERROR, "Content-Type must be "
          + String.join(" or ", content.keySet()) + " (got "
          + (mediaType == null ? "none" : mediaType) + ")", headers);
    }
    if (request.getBody() != null && request.getBody().length > maxBodyBytes) {
      return error(ErrorCatalogue.PARAMETER_ERROR, "the body is larger than " + maxBodyBytes
          + " bytes", headers);
    }
    Schema<?> schema = spec.requestSchema(op, mediaType);
    if (body.isBlank()) {
      return error(ErrorCatalogue.PARAMETER_ERROR, "the body is empty; required: "
          + String.join(", ", schema.getRequired()), headers);
    }
    ObjectNode fields;
    try {
      fields = RequestBody.read(mediaType, body, schema);
    } catch (RequestBody.Unreadable e) {
      return error(ErrorCatalogue.PARAMETER_ERROR, e.getMessage(), headers);
    }
    List<Violation> violations = rules.check(fields, schema);
    if (!violations.isEmpty()) {
      return violations(violations, headers);
    }

    Creation creation = creations.computeIfAbsent(op.getOperationId() + " " + mediaType,
        k -> new Creation(op, schema));
    for (String name : creation.ignored) {
      fields.remove(name);
    }
    PaymentStore.Outcome outcome = payments.create(fields, creation.defaults, creation.keys);
    if (outcome.conflict()) {
      return error(creation.conflictCode, "payment " + outcome.payment().code()
          + " was created with other parameters", headers);
    }
    // The code is a UUID (the mock's own, or a validated traceId): nothing here needs escaping.
    String envelope = "{\"code\":0,\"success\":true,\"message\":\"\",\"data\":{\"code\":\""
        + outcome.payment().code() + "\"},\"timestampMs\":" + clock.millis() + "}";
    return text(200, envelope, headers);
  }

  /** What creating needs from the spec, worked out once per request schema. */
  private final class Creation {
    final Map<String, JsonNode> defaults = new LinkedHashMap<>();
    final List<List<String>> keys;
    final int conflictCode;
    final List<String> ignored = new ArrayList<>();

    @SuppressWarnings("unchecked")
    Creation(Operation op, Schema<?> schema) {
      schema.getProperties().forEach((name, property) -> {
        Schema<?> p = (Schema<?>) property;
        if (p.getDefault() != null) {
          defaults.put(name, RequestBody.MAPPER.valueToTree(p.getDefault()));
        }
        // Deprecated fields (isTemp) are accepted and ignored, as MixPay does.
        if (Boolean.TRUE.equals(p.getDeprecated())) {
          ignored.add(name);
        }
      });
      Map<String, Object> idempotency = spec.extension(op.getExtensions(),
          "x-mixpay-idempotency");
      keys = idempotency == null ? List.of()
          : List.copyOf((List<List<String>>) idempotency.get("keys"));
      conflictCode = idempotency == null ? ErrorCatalogue.PARAMETER_ERROR
          : ((Number) idempotency.get("conflictErrorCode")).intValue();
    }
  }

  private ResponseDefinitionBuilder paymentResult(Operation op, String url,
      Map<String, String> headers) {
    Map<String, String> query = query(url);
    List<Violation> violations = rules.checkParameters(query, op);
    if (!violations.isEmpty()) {
      return violations(violations, headers);
    }
    String traceId = query.get("traceId");
    Optional<CreatedPayment> payment = traceId != null ? payments.byCode(traceId)
        : payments.byOrder(query.get("payeeId"), query.get("orderId"));
    if (payment.isEmpty()) {
      return error(ErrorCatalogue.NOT_FOUND, "no payment with " + (traceId != null
          ? "traceId " + traceId
          : "orderId " + query.get("orderId") + " for payee " + query.get("payeeId")), headers);
    }
    ObjectNode envelope = JsonNodeFactory.instance.objectNode()
        .put("code", 0).put("success", true).put("message", "");
    envelope.set("data", PaymentResults.data(payment.get()));
    envelope.put("timestampMs", clock.millis());
    return json(200, envelope, headers);
  }

  /** The hosted checkout, as the payer would see it for the code's state. */
  private ResponseDefinitionBuilder checkout(String code) {
    Optional<CreatedPayment> found = payments.byCode(code);
    if (found.isEmpty()) {
      return page(404, "not_found", catalogue.get(ErrorCatalogue.NOT_FOUND).message());
    }
    CreatedPayment p = found.get();
    return switch (p.status()) {
      case "success" -> page(200, "success", "This payment has been completed.");
      case "failed" -> page(410, "failed", "This payment link has expired.");
      default -> page(200, p.status(), "Pay " + p.parameters().get("quoteAmount") + " "
          + p.parameters().get("quoteAssetId").toUpperCase(java.util.Locale.ROOT));
    };
  }

  private static ResponseDefinitionBuilder page(int status, String state, String heading) {
    String html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>MixPay</title>"
        + "</head><body data-status=\"" + state + "\"><h1>"
        + heading.replace("&", "&amp;").replace("<", "&lt;") + "</h1></body></html>";
    return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
        .withHeader("Content-Type", "text/html; charset=utf-8").withBody(html);
  }

  private static Map<String, String> query(String url) {
    int q = url.indexOf('?');
    return q < 0 ? Map.of() : RequestBody.urlEncoded(url.substring(q + 1));
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
    ErrorCatalogue.Entry entry = catalogue.get(code);
    String message = detail == null ? entry.message() : entry.message() + " " + detail + ".";
    return envelope(code, message, headers);
  }

  private ResponseDefinitionBuilder envelope(int code, String message,
      Map<String, String> headers) {
    ObjectNode envelope = JsonNodeFactory.instance.objectNode()
        .put("code", code).put("success", false).put("message", message);
    envelope.putArray("data");
    envelope.put("timestampMs", clock.millis());
    return json(catalogue.get(code).httpStatus(), envelope, headers);
  }

  private static ResponseDefinitionBuilder json(int status, JsonNode body,
      Map<String, String> headers) {
    try {
      return text(status, RequestBody.MAPPER.writeValueAsString(body), headers);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ResponseDefinitionBuilder text(int status, String json,
      Map<String, String> headers) {
    ResponseDefinitionBuilder b = ResponseDefinitionBuilder.responseDefinition()
        .withStatus(status)
        .withHeader("Content-Type", "application/json");
    headers.forEach(b::withHeader);
    return b.withBody(json);
  }

  private static String mediaType(Request request) {
    String header = request.getHeader("Content-Type");
    if (header == null || header.isBlank()) {
      return null;
    }
    int semi = header.indexOf(';');
    return (semi < 0 ? header : header.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

}
