package dev.mixpaykit.mock.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The parts of the spec the mock runs on, read once at start-up into typed records: routes,
 * request bodies with their fields, the error catalogue, and every {@code x-mixpay-*} rule.
 * A malformed extension stops the start-up with a message that names it and where it is; no
 * other class reads an extension.
 */
public final class SpecModel {

  /** A described operation at a path template, with the rules that apply to it. */
  public record Route(String method, String template, Pattern pattern, String operationId,
      boolean otherServer, Map<String, BodySchema> bodies, List<QueryParameter> query,
      Idempotency idempotency, List<List<String>> identifierSets) {

    /** The request body for a media type, or null when the operation takes no such body. */
    public BodySchema body(String mediaType) {
      return mediaType == null ? null : bodies.get(mediaType);
    }
  }

  /**
   * A query parameter, its schema and, when the schema has a {@code pattern}, what the pattern
   * asks for in words ({@code x-mixpay-pattern-rule}).
   */
  public record QueryParameter(String name, Schema<?> schema, String patternRule) {

    /** A parameter whose schema has no {@code pattern}. */
    public QueryParameter(String name, Schema<?> schema) {
      this(name, schema, null);
    }
  }

  /** {@code x-mixpay-idempotency}: the identifying field sets and the conflict's error code. */
  public record Idempotency(List<List<String>> keys, int conflictCode) {}

  /** {@code x-mixpay-seconds-from-now}: a Unix time that must lie strictly in this window. */
  public record SecondsFromNow(long exclusiveMinimum, long exclusiveMaximum,
      int belowMinimumCode, int aboveMaximumCode) {}

  /**
   * {@code x-mixpay-decimal}: how many digits a decimal may have before and after its point.
   * Numbers without it get {@link #DEFAULT}, so that no number is unbounded.
   */
  public record DecimalBounds(int maxIntegerDigits, int maxFractionDigits) {
    public static final DecimalBounds DEFAULT = new DecimalBounds(18, 8);
  }

  /**
   * A request-body property with everything the mock needs to know about it;
   * {@code patternRule} is its {@code pattern} in words ({@code x-mixpay-pattern-rule}), null
   * when it has no pattern.
   */
  public record Field(String name, Schema<?> schema, String type, String format,
      boolean required, boolean deprecated, JsonNode defaultValue, int errorCode,
      SecondsFromNow secondsFromNow, DecimalBounds decimal, String patternRule) {}

  /** A request body schema: its fields in declaration order and its object-level rules. */
  public record BodySchema(String mediaType, Schema<?> schema, Map<String, Field> fields,
      List<String> required, List<String> requiredOneOf) {

    public Field field(String name) {
      return fields.get(name);
    }
  }

  /** {@code x-mixpay-retry-seconds} and {@code x-mixpay-timeout-seconds} of the callback. */
  public record CallbackSchedule(List<Long> retrySeconds, long timeoutSeconds) {}

  private final OpenAPI api;
  private final List<Route> routes;
  private final ErrorCatalogue catalogue;
  private final CallbackSchedule callbacks;

  private SpecModel(OpenAPI api) {
    this.api = api;
    this.catalogue = ErrorCatalogue.from(api);
    this.routes = routes(api);
    this.callbacks = callbackSchedule(api);
  }

  /**
   * Parses the spec at {@code location} (a URL); refuses a spec the parser complains about or
   * whose {@code x-mixpay-*} extensions are malformed.
   */
  public static SpecModel load(String location) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIParser().readLocation(location, null, options);
    if (result.getOpenAPI() == null
        || (result.getMessages() != null && !result.getMessages().isEmpty())) {
      throw new IllegalArgumentException("cannot use the spec at " + location + ": "
          + (result.getMessages() == null || result.getMessages().isEmpty()
              ? "it is not an OpenAPI document" : String.join("; ", result.getMessages())));
    }
    try {
      return new SpecModel(result.getOpenAPI());
    } catch (Extensions.Malformed e) {
      throw new IllegalArgumentException("cannot use the spec at " + location + ": "
          + e.getMessage(), e);
    }
  }

  /** The parsed document, for the schema validator. */
  public OpenAPI api() {
    return api;
  }

  public ErrorCatalogue catalogue() {
    return catalogue;
  }

  /** MixPay's callback schedule; no retries (an empty list) when the spec states none. */
  public CallbackSchedule callbackSchedule() {
    return callbacks;
  }

  public List<Route> routes() {
    return routes;
  }

  /** Routes whose template matches {@code path}, any method. */
  public List<Route> routesFor(String path) {
    List<Route> out = new ArrayList<>(2);
    for (Route r : routes) {
      if (r.pattern().matcher(path).matches()) {
        out.add(r);
      }
    }
    return out;
  }

  static Schema<?> schema(OpenAPI api, String name) {
    Schema<?> s = api.getComponents() == null || api.getComponents().getSchemas() == null
        ? null : api.getComponents().getSchemas().get(name);
    if (s == null) {
      throw new IllegalArgumentException("the spec has no schema " + name);
    }
    return s;
  }

  private static Schema<?> resolve(OpenAPI api, Schema<?> schema) {
    if (schema != null && schema.get$ref() != null) {
      String ref = schema.get$ref();
      return schema(api, ref.substring(ref.lastIndexOf('/') + 1));
    }
    return schema;
  }

  private static List<Route> routes(OpenAPI api) {
    List<Route> routes = new ArrayList<>();
    for (Map.Entry<String, PathItem> e : api.getPaths().entrySet()) {
      Pattern pattern = Pattern.compile(
          Pattern.quote(e.getKey()).replaceAll("\\{[^/}]+}", "\\\\E[^/]+\\\\Q"));
      // A path with servers of its own (the hosted checkout on mixpay.me) is not the API.
      boolean otherServer = e.getValue().getServers() != null
          && !e.getValue().getServers().isEmpty();
      e.getValue().readOperationsMap().forEach((method, op) -> routes.add(
          route(api, method.name().toUpperCase(Locale.ROOT), e.getKey(), pattern, op,
              otherServer)));
    }
    return List.copyOf(routes);
  }

  private static Route route(OpenAPI api, String method, String template, Pattern pattern,
      Operation op, boolean otherServer) {
    String where = "operation " + (op.getOperationId() != null ? op.getOperationId()
        : method + " " + template);
    Map<String, BodySchema> bodies = new LinkedHashMap<>();
    if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
      op.getRequestBody().getContent().forEach((mediaType, media) -> {
        Schema<?> schema = resolve(api, media.getSchema());
        if (schema != null) {
          bodies.put(mediaType, body(mediaType, schema, where + " (" + mediaType + ")"));
        }
      });
    }
    List<QueryParameter> query = new ArrayList<>();
    if (op.getParameters() != null) {
      for (Parameter p : op.getParameters()) {
        if ("query".equals(p.getIn())) {
          Schema<?> schema = resolve(api, p.getSchema());
          query.add(new QueryParameter(p.getName(), schema, patternRule(schema,
              "query parameter " + p.getName() + " of " + where)));
        }
      }
    }
    Map<String, Object> ext = op.getExtensions();
    Object idem = Extensions.get(ext, "x-mixpay-idempotency");
    Idempotency idempotency = null;
    if (idem != null) {
      String name = "x-mixpay-idempotency on " + where;
      Map<String, Object> m = Extensions.object(idem, name);
      idempotency = new Idempotency(Extensions.listOfNameLists(m.get("keys"), name + ": keys"),
          Extensions.integer(m.get("conflictErrorCode"), name + ": conflictErrorCode"));
    }
    Object sets = Extensions.get(ext, "x-mixpay-identifier-sets");
    List<List<String>> identifierSets = sets == null ? List.of()
        : Extensions.listOfNameLists(sets, "x-mixpay-identifier-sets on " + where);
    return new Route(method, template, pattern, op.getOperationId(), otherServer,
        java.util.Collections.unmodifiableMap(bodies), List.copyOf(query), idempotency,
        identifierSets);
  }

  static BodySchema body(String mediaType, Schema<?> schema, String where) {
    List<String> required = schema.getRequired() == null ? List.of()
        : List.copyOf(schema.getRequired());
    Object oneOf = Extensions.get(schema.getExtensions(), "x-mixpay-required-one-of");
    List<String> requiredOneOf = oneOf == null ? List.of()
        : Extensions.names(oneOf, "x-mixpay-required-one-of on the body of " + where);
    Map<String, Field> fields = new LinkedHashMap<>();
    if (schema.getProperties() != null) {
      schema.getProperties().forEach((name, property) -> {
        Schema<?> p = property;
        String at = name + " of the body of " + where;
        Map<String, Object> ext = p.getExtensions();
        Object code = Extensions.get(ext, "x-mixpay-error-code");
        Object window = Extensions.get(ext, "x-mixpay-seconds-from-now");
        SecondsFromNow secondsFromNow = null;
        if (window != null) {
          String n = "x-mixpay-seconds-from-now on " + at;
          Map<String, Object> w = Extensions.object(window, n);
          secondsFromNow = new SecondsFromNow(
              Extensions.integer(w.get("exclusiveMinimum"), n + ": exclusiveMinimum"),
              Extensions.integer(w.get("exclusiveMaximum"), n + ": exclusiveMaximum"),
              Extensions.integer(w.get("belowMinimumErrorCode"), n + ": belowMinimumErrorCode"),
              Extensions.integer(w.get("aboveMaximumErrorCode"), n + ": aboveMaximumErrorCode"));
        }
        Object decimal = Extensions.get(ext, "x-mixpay-decimal");
        DecimalBounds bounds = DecimalBounds.DEFAULT;
        if (decimal != null) {
          String n = "x-mixpay-decimal on " + at;
          Map<String, Object> d = Extensions.object(decimal, n);
          bounds = new DecimalBounds(
              Extensions.positive(d.get("maxIntegerDigits"), n + ": maxIntegerDigits"),
              Extensions.nonNegative(d.get("maxFractionDigits"), n + ": maxFractionDigits"));
        }
        JsonNode defaultValue = p.getDefault() == null ? null
            : RequestBody.MAPPER.valueToTree(p.getDefault());
        fields.put(name, new Field(name, p, p.getType(), p.getFormat(), required.contains(name),
            Boolean.TRUE.equals(p.getDeprecated()), defaultValue,
            code == null ? ErrorCatalogue.PARAMETER_ERROR
                : Extensions.integer(code, "x-mixpay-error-code on " + at),
            secondsFromNow, bounds, patternRule(p, at)));
      });
    }
    return new BodySchema(mediaType, schema, java.util.Collections.unmodifiableMap(fields),
        required, requiredOneOf);
  }

  /**
   * {@code x-mixpay-pattern-rule}: a pattern's meaning in plain words, required beside every
   * {@code pattern} a request is checked against, so that no refusal quotes a regex.
   */
  private static String patternRule(Schema<?> schema, String at) {
    Object rule = schema == null ? null
        : Extensions.get(schema.getExtensions(), "x-mixpay-pattern-rule");
    String name = "x-mixpay-pattern-rule on " + at;
    if (schema == null || schema.getPattern() == null) {
      if (rule != null) {
        throw new Extensions.Malformed(name + " explains a pattern, but there is none");
      }
      return null;
    }
    if (rule == null) {
      throw new Extensions.Malformed(name + " is missing: the pattern " + schema.getPattern()
          + " needs its rule in words, e.g. \"must be 6 to 36 letters, digits, '-' or '_'\"");
    }
    return Extensions.text(rule, name);
  }

  private static CallbackSchedule callbackSchedule(OpenAPI api) {
    for (PathItem path : api.getPaths().values()) {
      for (Operation route : path.readOperations()) {
        if (route.getCallbacks() == null) {
          continue;
        }
        for (var callback : route.getCallbacks().values()) {
          for (PathItem item : callback.values()) {
            for (Operation op : item.readOperations()) {
              Object retry = Extensions.get(op.getExtensions(), "x-mixpay-retry-seconds");
              if (retry == null) {
                continue;
              }
              String where = " on callback " + op.getOperationId();
              List<Long> seconds = new ArrayList<>();
              for (Object s : Extensions.list(retry, "x-mixpay-retry-seconds" + where)) {
                seconds.add((long) Extensions.nonNegative(s,
                    "x-mixpay-retry-seconds" + where + ": each entry"));
              }
              Object timeout = Extensions.get(op.getExtensions(), "x-mixpay-timeout-seconds");
              return new CallbackSchedule(List.copyOf(seconds), timeout == null ? 20
                  : Extensions.positive(timeout, "x-mixpay-timeout-seconds" + where));
            }
          }
        }
      }
    }
    return new CallbackSchedule(List.of(), 20);
  }
}
