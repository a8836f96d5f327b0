package dev.mixpaykit.mock.internal;

import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a request object against its schema (with swagger-request-validator) and against the
 * rules the schema cannot hold, read from the spec's {@code x-mixpay-*} extensions.
 */
public final class RequestRules {

  private static final Pattern PATH = Pattern.compile("^\\[Path '/([^'/]+)[^']*'] ");
  private static final Pattern MISSING = Pattern.compile("\\(\\[(.*)]\\)");

  private final SchemaValidator validator;
  private final Clock clock;
  private final long maxSecondsFromNowOverride;
  private final boolean allowPlainHttpCallbacks;

  /**
   * @param maxSecondsFromNow replaces the upper bound of every {@code x-mixpay-seconds-from-now}
   *     window when positive (MixPay widened it after the documented 240 minutes)
   * @param allowPlainHttpCallbacks accept {@code http://} callback URLs, for local endpoints in
   *     tests; MixPay itself refuses them (10061)
   */
  public RequestRules(SpecModel spec, Clock clock, long maxSecondsFromNow,
      boolean allowPlainHttpCallbacks) {
    this.validator = new SchemaValidator(spec.api(), new MessageResolver());
    this.clock = clock;
    this.maxSecondsFromNowOverride = maxSecondsFromNow;
    this.allowPlainHttpCallbacks = allowPlainHttpCallbacks;
  }

  /** Every violation, schema rules first, in the order the properties are declared. */
  public List<Violation> check(ObjectNode request, Schema<?> schema) {
    List<Violation> out = new ArrayList<>();
    ValidationReport report = validator.validate(() -> request, schema, "request.body");
    for (ValidationReport.Message m : report.getMessages()) {
      if (m.getLevel() == ValidationReport.Level.ERROR) {
        out.addAll(fromSchemaMessage(m, schema));
      }
    }
    if (allowPlainHttpCallbacks && request.path("callbackUrl").asText("").startsWith("http://")) {
      out.removeIf(v -> v.field().equals("callbackUrl"));
    }
    if (out.isEmpty()) {
      oneOfRequired(request, schema, out);
      secondsFromNow(request, schema, out);
    }
    List<String> order = schema.getProperties() == null ? List.of()
        : List.copyOf(schema.getProperties().keySet());
    out.sort((a, b) -> Integer.compare(index(order, a.field()), index(order, b.field())));
    return out;
  }

  /**
   * Checks query parameters against their schemas, and the operation's
   * {@code x-mixpay-identifier-sets} (at least one set present in full).
   */
  @SuppressWarnings("unchecked")
  public List<Violation> checkParameters(Map<String, String> query,
      io.swagger.v3.oas.models.Operation op) {
    List<Violation> out = new ArrayList<>();
    if (op.getParameters() != null) {
      for (var parameter : op.getParameters()) {
        String value = query.get(parameter.getName());
        if (value == null || !"query".equals(parameter.getIn())) {
          continue;
        }
        ValidationReport report = validator.validate(value, parameter.getSchema(),
            "request.query");
        for (ValidationReport.Message m : report.getMessages()) {
          if (m.getLevel() == ValidationReport.Level.ERROR) {
            out.add(new Violation(parameter.getName(),
                rule(keyword(m), parameter.getSchema(), m.getMessage()),
                ErrorCatalogue.PARAMETER_ERROR));
          }
        }
      }
    }
    Object sets = op.getExtensions() == null ? null
        : op.getExtensions().get("x-mixpay-identifier-sets");
    if (out.isEmpty() && sets instanceof List<?> list && !list.isEmpty()) {
      boolean complete = false;
      List<String> described = new ArrayList<>();
      for (Object set : list) {
        List<String> names = (List<String>) set;
        complete |= names.stream().allMatch(query::containsKey);
        described.add(String.join(" with ", names));
      }
      if (!complete) {
        out.add(new Violation(String.join("/", described), String.join(", or ", described)
            + " is required", ErrorCatalogue.PARAMETER_ERROR));
      }
    }
    return out;
  }

  /** Runs one validation per operation so that the first request does not pay for bootstrap. */
  public void warmUp(SpecModel spec) {
    for (SpecModel.Route route : spec.routes()) {
      var body = route.operation().getRequestBody();
      if (body != null && body.getContent() != null) {
        for (String mediaType : body.getContent().keySet()) {
          Schema<?> schema = spec.requestSchema(route.operation(), mediaType);
          if (schema != null) {
            check(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(),
                schema);
          }
        }
      }
    }
  }

  private static int index(List<String> order, String field) {
    int i = order.indexOf(field);
    return i < 0 ? Integer.MAX_VALUE : i;
  }

  private List<Violation> fromSchemaMessage(ValidationReport.Message m, Schema<?> schema) {
    String keyword = keyword(m);
    String text = m.getMessage();
    if (keyword.equals("required")) {
      List<Violation> missing = new ArrayList<>();
      Matcher names = MISSING.matcher(text);
      if (names.find()) {
        for (String name : names.group(1).split(",")) {
          missing.add(new Violation(name.replace("\"", "").trim(), "is required",
              ErrorCatalogue.PARAMETER_ERROR));
        }
      }
      return missing;
    }
    Matcher path = PATH.matcher(text);
    boolean located = path.find();
    String field = located ? path.group(1) : "body";
    String detail = located ? text.substring(path.end()) : text;
    Schema<?> property = schema.getProperties() == null ? null
        : (Schema<?>) schema.getProperties().get(field);
    return List.of(new Violation(field, rule(keyword, property, detail), errorCode(property)));
  }

  private static int errorCode(Schema<?> property) {
    Object code = property == null || property.getExtensions() == null ? null
        : property.getExtensions().get("x-mixpay-error-code");
    return code instanceof Number n ? n.intValue() : ErrorCatalogue.PARAMETER_ERROR;
  }

  /** The JSON Schema keyword a message is about: "...schema.maxLength", "...schema.format.uuid". */
  private static String keyword(ValidationReport.Message m) {
    String key = m.getKey();
    return key.contains(".schema.format.") ? "format" : key.substring(key.lastIndexOf('.') + 1);
  }

  /** The rule in the spec's terms, from the keyword and the property's own schema. */
  private static String rule(String keyword, Schema<?> p, String detail) {
    if (p != null) {
      switch (keyword) {
        case "maxLength":
          return "must be at most " + p.getMaxLength() + " characters";
        case "minLength":
          return "must be at least " + p.getMinLength() + " characters";
        case "pattern":
          return "must match " + p.getPattern();
        case "maximum":
          return "must be at most " + p.getMaximum().toPlainString();
        case "minimum":
          return Boolean.TRUE.equals(p.getExclusiveMinimum())
              ? "must be greater than " + p.getMinimum().toPlainString()
              : "must be at least " + p.getMinimum().toPlainString();
        case "format":
          return "must be a " + ("uuid".equals(p.getFormat()) ? "UUID" : p.getFormat().toUpperCase());
        case "type":
          return switch (String.valueOf(p.getType())) {
            case "number" -> "must be a decimal number in plain notation";
            case "integer" -> "must be an integer";
            case "boolean" -> "must be true or false (1 or 0 in a form)";
            default -> "must be a " + p.getType();
          };
        default:
          break;
      }
    }
    return detail;
  }

  @SuppressWarnings("unchecked")
  private static void oneOfRequired(ObjectNode request, Schema<?> schema, List<Violation> out) {
    Object names = schema.getExtensions() == null ? null
        : schema.getExtensions().get("x-mixpay-required-one-of");
    if (!(names instanceof List<?> list) || list.isEmpty()) {
      return;
    }
    for (Object name : list) {
      if (request.hasNonNull((String) name)) {
        return;
      }
    }
    List<String> fields = (List<String>) list;
    out.add(new Violation(String.join("/", fields),
        "one of " + String.join(", ", fields) + " is required", ErrorCatalogue.PARAMETER_ERROR));
  }

  @SuppressWarnings("unchecked")
  private void secondsFromNow(ObjectNode request, Schema<?> schema, List<Violation> out) {
    if (schema.getProperties() == null) {
      return;
    }
    for (Map.Entry<String, Schema> e : schema.getProperties().entrySet()) {
      Object ext = e.getValue().getExtensions() == null ? null
          : e.getValue().getExtensions().get("x-mixpay-seconds-from-now");
      JsonNode value = request.get(e.getKey());
      if (!(ext instanceof Map<?, ?>) || value == null || !value.isNumber()) {
        continue;
      }
      Map<String, Object> window = (Map<String, Object>) ext;
      long min = ((Number) window.get("exclusiveMinimum")).longValue();
      long max = maxSecondsFromNowOverride > 0 ? maxSecondsFromNowOverride
          : ((Number) window.get("exclusiveMaximum")).longValue();
      BigDecimal delta = value.decimalValue()
          .subtract(BigDecimal.valueOf(clock.millis()).movePointLeft(3));
      if (delta.compareTo(BigDecimal.valueOf(min)) <= 0) {
        out.add(new Violation(e.getKey(), "must be more than " + min
            + " seconds from now (it is " + delta.longValue() + ")",
            ((Number) window.get("belowMinimumErrorCode")).intValue()));
      } else if (delta.compareTo(BigDecimal.valueOf(max)) >= 0) {
        out.add(new Violation(e.getKey(), "must be less than " + max
            + " seconds from now (it is " + delta.longValue() + ")",
            ((Number) window.get("aboveMaximumErrorCode")).intValue()));
      }
    }
  }
}
