package dev.mixpaykit.mock.proxy;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mixpaykit.mock.internal.ErrorCatalogue;
import dev.mixpaykit.mock.internal.RequestBody;
import dev.mixpaykit.mock.internal.SpecModel;
import dev.mixpaykit.mock.internal.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Holds one exchange to the spec and records what disagrees: the request by the mock's own
 * rules; the answer's status, content type, envelope and {@code data} by swagger-request-
 * validator's response validation; then what no schema can hold (catalogued values, the
 * status mapping of error codes, {@code data.code} equal to the traceId sent, idempotent
 * repeats). Runs on one thread (exchanges are checked in the order they were answered).
 */
final class ExchangeCheck {

  /** The operation whose {@code data.code} must equal the request's {@code traceId}. */
  static final String CREATE = "createOneTimePayment";

  private static final Pattern MISSING = Pattern.compile("\\(\\[(.*)]\\)");
  private static final Pattern WINDOW_VALUE = Pattern.compile(" \\(it is [^)]*\\)$");
  private static final int REMEMBERED = 10_000;
  private static final ObjectMapper JSON = DriftReport.JSON;

  private final ProxySpec spec;
  private final RequestCheck requests;
  private final Findings findings;
  private final boolean strictErrorStatus;
  // Successful creations by identifier, for the idempotency rule; the oldest are forgotten.
  private final Map<String, Remembered> created = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
      return size() > REMEMBERED;
    }
  };

  private record Remembered(ObjectNode fields, String code) {}

  // When the exchange being checked happened: findings are dated by it, not by the check.
  private Instant at = Instant.EPOCH;

  ExchangeCheck(ProxySpec spec, RequestCheck requests, Findings findings,
      boolean strictErrorStatus) {
    this.spec = spec;
    this.requests = requests;
    this.findings = findings;
    this.strictErrorStatus = strictErrorStatus;
  }

  /** The spec's operation for an exchange, or null when the spec does not describe it. */
  SpecModel.Route route(Exchange e) {
    return spec.route(e.method().toUpperCase(Locale.ROOT), e.path());
  }

  void check(Exchange e) {
    at = e.at();
    SpecModel.Route route = route(e);
    if (route == null) {
      findings.unchecked();
      return;
    }
    String op = route.operationId();
    RequestCheck.Result request = requests.check(route, e);
    findings.checked(op, Finding.Side.REQUEST);
    if (request.unreadable() != null) {
      add(op, Finding.Side.REQUEST, "", "request", request.unreadable(), "unreadable",
          null);
    }
    for (Violation v : request.violations()) {
      JsonNode value = request.fields().has(v.field()) ? request.fields().get(v.field())
          : request.raw().get(v.field());
      add(op, Finding.Side.REQUEST,
          v.field().matches("[A-Za-z0-9_]+") ? "/" + v.field() : "", "request",
          WINDOW_VALUE.matcher(v.rule()).replaceFirst(""), describe(value), text(value));
    }
    findings.checked(op, Finding.Side.ANSWER);
    if (e.failure() != null) {
      add(op, Finding.Side.ANSWER, "", "upstream", "an answer from MixPay",
          e.failure(), null);
      return;
    }
    answer(route, op, e, request);
  }

  private void answer(SpecModel.Route route, String op, Exchange e,
      RequestCheck.Result request) {
    int status = e.status();
    String contentType = e.answerHeaders().get("content-type");
    String mediaType = RequestBody.mediaType(contentType);
    JsonNode body = json(e.answerBody());
    boolean error = body != null && body.path("success").isBoolean()
        && !body.path("success").booleanValue();
    ErrorCatalogue catalogue = spec.catalogue();
    JsonNode code = body == null ? null : body.get("code");
    boolean catalogued = code != null && code.canConvertToInt() && code.isIntegralNumber()
        && catalogue.contains(code.intValue());
    Set<String> declared = spec.declaredStatuses(route);

    // An error envelope under HTTP 200 is one of the two styles the spec documents: it is
    // checked as the error answer the spec's mapping names, and counted.
    int checkedStatus = status;
    if (error && status == 200) {
      int mapped = catalogued ? catalogue.get(code.intValue()).httpStatus() : 0;
      if (!declared.contains(Integer.toString(mapped))) {
        mapped = declared.stream().filter(s -> s.startsWith("4")).findFirst()
            .map(Integer::parseInt).orElse(400);
      }
      if (strictErrorStatus) {
        add(op, Finding.Side.ANSWER, "", "status-mapping", "HTTP " + mapped
            + " for an error (x-mixpay-errors)", "HTTP 200", null);
      } else {
        findings.errorUnderHttp200();
      }
      checkedStatus = mapped;
    }

    SimpleResponse.Builder answer = SimpleResponse.Builder.status(checkedStatus);
    e.answerHeaders().forEach(answer::withHeader);
    if (e.answerBody().length > 0) {
      answer.withBody(new String(e.answerBody(), StandardCharsets.UTF_8));
    }
    ValidationReport report = spec.validator().validateResponse(e.path(),
        Request.Method.valueOf(e.method().toUpperCase(Locale.ROOT)), answer.build());
    for (ValidationReport.Message m : report.getMessages()) {
      if (m.getLevel() != ValidationReport.Level.ERROR) {
        continue;
      }
      String key = m.getKey();
      if (key.equals("validation.response.status.unknown")) {
        // Nothing else can be said about an answer the operation does not declare.
        add(op, Finding.Side.ANSWER, "", "status", "HTTP " + String.join(", ",
            declared), "HTTP " + status + (mediaType == null ? "" : " " + mediaType), null);
        return;
      }
      schemaMessage(route, op, checkedStatus, body, mediaType, m);
    }
    if (body == null || !body.isObject()) {
      return;
    }
    for (ProxySpec.Catalogued c : spec.catalogued(route, checkedStatus)) {
      JsonNode v = body.at(c.pointer());
      if ((v.isTextual() || v.isNumber()) && !c.known().contains(v.asText())) {
        // Catalogued values name no one; they are the news a report is for.
        add(op, Finding.Side.ANSWER, c.pointer(), "catalogue",
            "a value listed in " + c.name() + " (x-mixpay-catalogue)", v.asText(), v.asText());
      }
    }
    if (error && status != 200 && catalogued
        && catalogue.get(code.intValue()).httpStatus() != status) {
      add(op, Finding.Side.ANSWER, "/code", "status-mapping", "HTTP "
          + catalogue.get(code.intValue()).httpStatus() + " for code " + code.intValue()
          + " (x-mixpay-errors)", "HTTP " + status, null);
    }
    boolean success = status == 200 && body.path("success").asBoolean(false);
    if (success && !request.violations().isEmpty()) {
      add(op, Finding.Side.ANSWER, "", "accepted", "an error: the spec refuses this"
          + " request", "success", null);
    }
    if (success) {
      beyondTheSchema(route, op, body, request);
    }
  }

  private void beyondTheSchema(SpecModel.Route route, String op, JsonNode body,
      RequestCheck.Result request) {
    JsonNode code = body.at("/data/code");
    if (!code.isTextual()) {
      return;
    }
    JsonNode traceId = request.fields().get("traceId");
    if (op.equals(CREATE) && traceId != null && traceId.isTextual()
        && !traceId.asText().equalsIgnoreCase(code.asText())) {
      add(op, Finding.Side.ANSWER, "/data/code", "traceId-is-code",
          "the request's traceId", "another value", code.asText());
    }
    if (!request.violations().isEmpty()) {
      return;
    }
    for (List<String> key : spec.idempotencyKeys(route)) {
      StringBuilder id = new StringBuilder(op);
      boolean complete = true;
      for (String field : key) {
        JsonNode v = request.fields().get(field);
        complete &= v != null && !v.isNull();
        id.append('\u0000').append(v == null ? "" : v.asText());
      }
      if (!complete) {
        continue;
      }
      Remembered earlier;
      synchronized (created) {
        earlier = created.get(id.toString());
        if (earlier == null) {
          created.put(id.toString(), new Remembered(request.fields().deepCopy(), code.asText()));
        }
      }
      if (earlier == null) {
        continue;
      }
      String names = String.join(" + ", key);
      if (earlier.fields().equals(request.fields()) && !earlier.code().equals(code.asText())) {
        add(op, Finding.Side.ANSWER, "/data/code", "idempotency", "the code of the"
            + " earlier request with the same " + names + " and parameters"
            + " (x-mixpay-idempotency)", "another code", code.asText());
      } else if (!earlier.fields().equals(request.fields())) {
        add(op, Finding.Side.ANSWER, "", "idempotency", "an error for a repeat of "
            + names + " with other parameters (x-mixpay-idempotency)", "success", null);
      }
      return;
    }
  }

  private void schemaMessage(SpecModel.Route route, String op, int status, JsonNode body,
      String mediaType, ValidationReport.Message m) {
    String key = m.getKey();
    String pointer = m.getContext().flatMap(ValidationReport.MessageContext::getPointers)
        .map(ValidationReport.MessageContext.Pointers::getInstance).orElse("");
    String schemaPointer = m.getContext()
        .flatMap(ValidationReport.MessageContext::getPointers)
        .map(ValidationReport.MessageContext.Pointers::getSchema).orElse("");
    if (pointer.equals("/")) {
      pointer = "";
    }
    String kind = mediaType == null ? "no content type" : mediaType;
    switch (key) {
      case "validation.response.contentType.notAllowed", "validation.response.contentType.invalid"
          -> add(op, Finding.Side.ANSWER, "", "content-type", "application/json",
              kind, null);
      case "validation.response.body.missing" -> add(op, Finding.Side.ANSWER, "",
          "body", "a JSON body", "no body", null);
      case "validation.response.body.unexpected" -> add(op, Finding.Side.ANSWER, "",
          "body", "no body", "a body", null);
      case "validation.response.body.schema.invalidJson" -> add(op,
          Finding.Side.ANSWER, "", "json", "a JSON body", "not JSON (" + kind + ")", null);
      case "validation.response.body.schema.required" -> {
        Matcher names = MISSING.matcher(m.getMessage());
        if (names.find()) {
          for (String name : names.group(1).split(",")) {
            add(op, Finding.Side.ANSWER, pointer + "/"
                + name.replace("\"", "").trim(), "required", "present (required)", "missing",
                null);
          }
        }
      }
      default -> {
        if (key.startsWith("validation.response.body.schema.")) {
          String keyword = key.contains(".schema.format.") ? "format"
              : key.substring(key.lastIndexOf('.') + 1);
          JsonNode rule = spec.schemaAt(route, status, schemaPointer);
          JsonNode value = body == null ? null : body.at(pointer);
          add(op, Finding.Side.ANSWER, pointer, keyword, expected(keyword, rule),
              describe(value), text(value));
        } else {
          // Headers and anything newer: the key says what, the message may hold values.
          add(op, Finding.Side.ANSWER, pointer, key.replace("validation.response.", ""),
              "what the spec declares", "something else", null);
        }
      }
    }
  }

  private void add(String op, Finding.Side side, String pointer, String rule, String expected,
      String seen, String value) {
    findings.add(op, side, pointer, rule, expected, seen, value, at);
  }

  /** What the spec says, from the schema node that holds the broken keyword. */
  static String expected(String keyword, JsonNode schema) {
    JsonNode v = schema == null ? null : schema.get(keyword);
    if (v == null || v.isMissingNode()) {
      return keyword;
    }
    return keyword + ": " + (v.isTextual() ? v.asText() : v.toString());
  }

  /** A value's JSON type, never the value: reports must not carry payee ids or amounts. */
  static String describe(JsonNode v) {
    if (v == null || v.isMissingNode()) {
      return "missing";
    }
    if (v.isNull()) {
      return "null";
    }
    if (v.isTextual()) {
      return "string";
    }
    if (v.isIntegralNumber()) {
      return "integer";
    }
    if (v.isNumber()) {
      return "number";
    }
    return v.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  static String text(JsonNode v) {
    if (v == null || v.isMissingNode()) {
      return null;
    }
    return v.isTextual() ? v.asText() : v.toString();
  }

  private static JsonNode json(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }
}
