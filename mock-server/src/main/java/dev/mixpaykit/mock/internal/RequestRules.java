package dev.mixpaykit.mock.internal;

import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a request's typed fields against their schema (with swagger-request-validator) and
 * against the rules the schema cannot hold, as {@link SpecModel} read them from the spec.
 * Each field is named at most once, with the first rule it breaks.
 */
public final class RequestRules {

  private static final Pattern PATH = Pattern.compile("^\\[Path '/([^'/]+)[^']*'] ");
  private static final Pattern MISSING = Pattern.compile("\\(\\[(.*)]\\)");

  private final SchemaValidator validator;
  // What the validator is given for each body: a $ref to its component where there is one.
  // The validator looks up its compiled schema by the Schema's hashCode, which walks the
  // whole schema tree on every request (about 3 % of the mock's time under load); a $ref's
  // hash is that of one string. The compiled schema, and so every check, is the same.
  private final Map<SpecModel.BodySchema, Schema<?>> validated = new IdentityHashMap<>();
  // The same checks compiled at load (CompiledChecks); a schema missing here, or a request
  // the compiled checks leave alone, goes through the validator above.
  private final Map<SpecModel.BodySchema, CompiledChecks.Body> compiledBodies =
      new IdentityHashMap<>();
  private final Map<SpecModel.QueryParameter, CompiledChecks.Value> compiledParameters =
      new IdentityHashMap<>();
  private final Clock clock;
  private final long maxSecondsFromNowOverride;
  private final boolean allowPlainHttpCallbacks;
  private final String olderContractHint;

  /** Rules without a hint about older contracts; see the full constructor. */
  public RequestRules(SpecModel spec, Clock clock, long maxSecondsFromNow,
      boolean allowPlainHttpCallbacks) {
    this(spec, clock, maxSecondsFromNow, allowPlainHttpCallbacks, null);
  }

  /**
   * @param maxSecondsFromNow replaces the upper bound of every {@code x-mixpay-seconds-from-now}
   *     window when positive (MixPay widened it after the documented 240 minutes)
   * @param allowPlainHttpCallbacks accept {@code http://} callback URLs, for local endpoints in
   *     tests; MixPay itself refuses them (10061)
   * @param olderContractHint added to the required-one-of refusal of a request that sends a
   *     deprecated field (the 2022 page's {@code isTemp}), whose author most likely followed an
   *     older contract that the mock can also serve; null for none
   */
  public RequestRules(SpecModel spec, Clock clock, long maxSecondsFromNow,
      boolean allowPlainHttpCallbacks, String olderContractHint) {
    this.validator = new SchemaValidator(spec.api(), new MessageResolver());
    Map<String, Schema> components = spec.api().getComponents() == null ? null
        : spec.api().getComponents().getSchemas();
    for (SpecModel.Route route : spec.routes()) {
      for (SpecModel.BodySchema body : route.bodies().values()) {
        Schema<?> ref = body.schema();
        if (components != null) {
          for (Map.Entry<String, Schema> c : components.entrySet()) {
            if (c.getValue() == body.schema()) {
              ref = new Schema<>().$ref("#/components/schemas/" + c.getKey());
            }
          }
        }
        validated.put(body, ref);
        CompiledChecks.Body compiled = CompiledChecks.body(body);
        if (compiled != null) {
          compiledBodies.put(body, compiled);
        }
      }
      for (SpecModel.QueryParameter parameter : route.query()) {
        // The validator reads a query value as text only for a string schema.
        CompiledChecks.Value compiled = parameter.schema() == null
            || !"string".equals(parameter.schema().getType()) ? null
            : CompiledChecks.value(parameter.schema());
        if (compiled != null) {
          compiledParameters.put(parameter, compiled);
        }
      }
    }
    this.clock = clock;
    this.maxSecondsFromNowOverride = maxSecondsFromNow;
    this.allowPlainHttpCallbacks = allowPlainHttpCallbacks;
    this.olderContractHint = olderContractHint;
  }

  /**
   * The same rules with every schema checked by swagger-request-validator alone, as before
   * the schemas were compiled: the reference the compiled checks are held to, for benchmarks.
   */
  public static RequestRules referenceOnly(SpecModel spec, Clock clock, long maxSecondsFromNow,
      boolean allowPlainHttpCallbacks) {
    RequestRules rules = new RequestRules(spec, clock, maxSecondsFromNow,
        allowPlainHttpCallbacks, null);
    rules.compiledBodies.clear();
    rules.compiledParameters.clear();
    return rules;
  }

  /** Every violation, in the order the properties are declared. */
  public List<Violation> check(RequestBody.Read read, SpecModel.BodySchema body) {
    ObjectNode request = read.fields();
    List<Violation> out = new ArrayList<>(read.violations());
    Set<String> named = new HashSet<>();
    out.forEach(v -> named.add(v.field()));
    List<Violation> schema = compiledViolations(request, body);
    for (Violation v : schema != null ? schema : referenceViolations(request, body)) {
      if (named.add(v.field())) {
        out.add(v);
      }
    }
    if (allowPlainHttpCallbacks && request.path("callbackUrl").asText("").startsWith("http://")) {
      out.removeIf(v -> v.field().equals("callbackUrl"));
    }
    if (out.isEmpty()) {
      oneOfRequired(request, body, out);
      secondsFromNow(request, body, out);
    }
    List<String> order = List.copyOf(body.fields().keySet());
    out.sort((a, b) -> Integer.compare(index(order, a.field()), index(order, b.field())));
    return out;
  }

  /**
   * Checks query parameters against their schemas, and the operation's identifier sets (at
   * least one set present in full).
   */
  public List<Violation> checkParameters(RequestBody.Read read, SpecModel.Route route) {
    List<Violation> out = new ArrayList<>(read.violations());
    for (SpecModel.QueryParameter parameter : route.query()) {
      JsonNode value = read.fields().get(parameter.name());
      if (value == null || out.stream().anyMatch(v -> v.field().equals(parameter.name()))) {
        continue;
      }
      Violation v = compiledViolation(parameter, value.asText());
      if (v == NOT_COMPILED) {
        v = referenceViolation(parameter, value.asText());
      }
      if (v != null) {
        out.add(v);
      }
    }
    List<List<String>> sets = route.identifierSets();
    if (out.isEmpty() && !sets.isEmpty()) {
      boolean complete = false;
      List<String> described = new ArrayList<>();
      for (List<String> names : sets) {
        complete |= names.stream().allMatch(read.fields()::has);
        described.add(String.join(" with ", names));
      }
      if (!complete) {
        out.add(new Violation(String.join("/", described), String.join(", or ", described)
            + " is required", ErrorCatalogue.PARAMETER_ERROR));
      }
    }
    return out;
  }

  /** Runs one validation per body so that the first request does not pay for bootstrap. */
  public void warmUp(SpecModel spec) {
    for (SpecModel.Route route : spec.routes()) {
      for (SpecModel.BodySchema body : route.bodies().values()) {
        check(new RequestBody.Read(JsonNodeFactory.instance.objectNode(), List.of()), body);
        // The validator too: it still judges what the compiled checks leave to it.
        referenceViolations(JsonNodeFactory.instance.objectNode(), body);
      }
    }
  }

  /**
   * What the schema validator finds in a body, field by field, in its order: the reference
   * the compiled checks are held to (and what schemas they do not cover still use).
   */
  List<Violation> referenceViolations(ObjectNode request, SpecModel.BodySchema body) {
    List<Violation> out = new ArrayList<>();
    ValidationReport report = validator.validate(() -> request,
        validated.getOrDefault(body, body.schema()), "request.body");
    for (ValidationReport.Message m : report.getMessages()) {
      if (m.getLevel() == ValidationReport.Level.ERROR) {
        out.addAll(fromSchemaMessage(m, body));
      }
    }
    return out;
  }

  /** The first thing the schema validator finds in a query parameter's value, or null. */
  Violation referenceViolation(SpecModel.QueryParameter parameter, String value) {
    ValidationReport report = validator.validate(value, parameter.schema(),
        "request.query");
    for (ValidationReport.Message m : report.getMessages()) {
      if (m.getLevel() == ValidationReport.Level.ERROR) {
        return new Violation(parameter.name(),
            rule(keyword(m), parameter.schema(), parameter.patternRule(), m.getMessage()),
            ErrorCatalogue.PARAMETER_ERROR);
      }
    }
    return null;
  }

  /** The compiled checks' violations of a body, or null where they leave it to the reference. */
  List<Violation> compiledViolations(ObjectNode request, SpecModel.BodySchema body) {
    CompiledChecks.Body compiled = compiledBodies.get(body);
    List<CompiledChecks.Failure> failures = compiled == null ? null : compiled.check(request);
    return failures == null ? null : failures.stream().map(f -> fromFailure(f, body)).toList();
  }

  /** The compiled checks' violation of a query value (null: none), or NOT_COMPILED. */
  Violation compiledViolation(SpecModel.QueryParameter parameter, String value) {
    CompiledChecks.Value compiled = compiledParameters.get(parameter);
    return compiled == null ? NOT_COMPILED
        : fromFailure(parameter, compiled.firstFailure(TextNode.valueOf(value)));
  }

  /** Stands for "not compiled" in {@link #compiledViolation}. */
  static final Violation NOT_COMPILED = new Violation("", "not compiled", 0);

  /** Whether the compiled checks cover this body schema (else the reference validator). */
  boolean compiled(SpecModel.BodySchema body) {
    return compiledBodies.containsKey(body);
  }

  /** The same violation as {@link #fromSchemaMessage} makes of the library's message. */
  private static Violation fromFailure(CompiledChecks.Failure f, SpecModel.BodySchema body) {
    if (f.keyword().equals("required")) {
      return new Violation(f.field(), "is required", ErrorCatalogue.PARAMETER_ERROR);
    }
    SpecModel.Field property = body.field(f.field());
    return new Violation(f.field(), rule(f.keyword(), property.schema(), property.patternRule(),
        null), property.errorCode());
  }

  private static Violation fromFailure(SpecModel.QueryParameter parameter, String keyword) {
    return keyword == null ? null : new Violation(parameter.name(),
        rule(keyword, parameter.schema(), parameter.patternRule(), null),
        ErrorCatalogue.PARAMETER_ERROR);
  }

  private static int index(List<String> order, String field) {
    int i = order.indexOf(field);
    return i < 0 ? Integer.MAX_VALUE : i;
  }

  private List<Violation> fromSchemaMessage(ValidationReport.Message m,
      SpecModel.BodySchema body) {
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
    SpecModel.Field property = body.field(field);
    return List.of(new Violation(field, property == null ? detail : rule(keyword,
        property.schema(), property.patternRule(), detail), property == null
        ? ErrorCatalogue.PARAMETER_ERROR
        : property.errorCode()));
  }

  /** The JSON Schema keyword a message is about: "...schema.maxLength", "...schema.format.uuid". */
  private static String keyword(ValidationReport.Message m) {
    String key = m.getKey();
    return key.contains(".schema.format.") ? "format" : key.substring(key.lastIndexOf('.') + 1);
  }

  /**
   * The rule in the spec's terms, from the keyword and the property's own schema; a pattern in
   * the words of its {@code x-mixpay-pattern-rule}, never as the regex.
   */
  private static String rule(String keyword, Schema<?> p, String patternRule, String detail) {
    if (p != null) {
      switch (keyword) {
        case "maxLength":
          return "must be at most " + p.getMaxLength() + " characters";
        case "minLength":
          return "must be at least " + p.getMinLength() + " characters";
        case "pattern":
          return patternRule != null ? patternRule : "is not in the form the spec describes";
        case "enum":
          return p.getEnum() == null ? detail : "must be one of " + p.getEnum().stream()
              .map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
        case "maximum":
          return "must be at most " + p.getMaximum().toPlainString();
        case "minimum":
          return Boolean.TRUE.equals(p.getExclusiveMinimum())
              ? "must be greater than " + p.getMinimum().toPlainString()
              : "must be at least " + p.getMinimum().toPlainString();
        case "format":
          return switch (String.valueOf(p.getFormat())) {
            case "uuid" -> "must be a UUID";
            case "uri" -> "must be a URI";
            case "int32", "int64" -> "is out of range";
            default -> "must be a valid " + p.getFormat().toLowerCase(Locale.ROOT);
          };
        case "type":
          return switch (String.valueOf(p.getType())) {
            case "number" -> Rules.PLAIN_DECIMAL;
            case "integer" -> Rules.WHOLE_NUMBER;
            case "boolean" -> Rules.TRUE_OR_FALSE;
            case "string" -> "must be text";
            default -> "must be a" + ("object".equals(p.getType()) ? "n " : " ") + p.getType();
          };
        default:
          break;
      }
    }
    return detail;
  }

  private void oneOfRequired(ObjectNode request, SpecModel.BodySchema body,
      List<Violation> out) {
    List<String> fields = body.requiredOneOf();
    if (fields.isEmpty() || fields.stream().anyMatch(request::hasNonNull)) {
      return;
    }
    String rule = "one of " + String.join(", ", fields) + " is required";
    // A deprecated field without the identifiers that replaced it: written for an older page.
    boolean older = olderContractHint != null && body.fields().values().stream()
        .anyMatch(f -> f.deprecated() && request.hasNonNull(f.name()));
    out.add(new Violation(String.join("/", fields), older ? rule + "; " + olderContractHint
        : rule, ErrorCatalogue.PARAMETER_ERROR));
  }

  private void secondsFromNow(ObjectNode request, SpecModel.BodySchema body,
      List<Violation> out) {
    for (SpecModel.Field field : body.fields().values()) {
      SpecModel.SecondsFromNow window = field.secondsFromNow();
      JsonNode value = request.get(field.name());
      if (window == null || value == null || !value.isNumber()) {
        continue;
      }
      long min = window.exclusiveMinimum();
      long max = maxSecondsFromNowOverride > 0 ? maxSecondsFromNowOverride
          : window.exclusiveMaximum();
      BigDecimal delta = value.decimalValue()
          .subtract(BigDecimal.valueOf(clock.millis()).movePointLeft(3));
      if (delta.compareTo(BigDecimal.valueOf(min)) <= 0) {
        out.add(new Violation(field.name(), "must be more than " + min
            + " seconds from now (it is " + delta.longValue() + ")",
            window.belowMinimumCode()));
      } else if (delta.compareTo(BigDecimal.valueOf(max)) >= 0) {
        out.add(new Violation(field.name(), "must be less than " + max
            + " seconds from now (it is " + delta.longValue() + ")",
            window.aboveMaximumCode()));
      }
    }
  }
}
