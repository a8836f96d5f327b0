package dev.mixpaykit.mock.internal;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The parts of the spec the mock runs on: routes, request schemas, the error catalogue and
 * the rules stated in {@code x-mixpay-*} extensions. Built once at start-up.
 */
public final class SpecModel {

  /** A described operation at a path template. */
  public record Route(String method, String template, Pattern pattern, Operation operation,
      boolean otherServer) {

    public String operationId() {
      return operation.getOperationId();
    }
  }

  private final OpenAPI api;
  private final List<Route> routes;
  private final ErrorCatalogue catalogue;

  private SpecModel(OpenAPI api) {
    this.api = api;
    this.routes = routes(api);
    this.catalogue = ErrorCatalogue.from(api);
  }

  /** Parses the spec at {@code location} (a URL); refuses a spec the parser complains about. */
  public static SpecModel load(String location) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIParser().readLocation(location, null, options);
    if (result.getOpenAPI() == null
        || (result.getMessages() != null && !result.getMessages().isEmpty())) {
      throw new IllegalArgumentException("cannot use the spec at " + location + ": "
          + result.getMessages());
    }
    return new SpecModel(result.getOpenAPI());
  }

  public OpenAPI api() {
    return api;
  }

  public ErrorCatalogue catalogue() {
    return catalogue;
  }

  /**
   * MixPay's callback schedule from the first callback operation that states one
   * ({@code x-mixpay-retry-seconds}, {@code x-mixpay-timeout-seconds}); empty if none does.
   */
  public List<Long> callbackRetrySeconds() {
    Object v = callbackExtension("x-mixpay-retry-seconds");
    List<Long> out = new ArrayList<>();
    if (v instanceof List<?> list) {
      list.forEach(x -> out.add(((Number) x).longValue()));
    }
    return out;
  }

  public long callbackTimeoutSeconds() {
    Object v = callbackExtension("x-mixpay-timeout-seconds");
    return v instanceof Number n ? n.longValue() : 20;
  }

  private Object callbackExtension(String name) {
    for (Route route : routes) {
      var callbacks = route.operation().getCallbacks();
      if (callbacks == null) {
        continue;
      }
      for (var callback : callbacks.values()) {
        for (PathItem item : callback.values()) {
          for (Operation op : item.readOperations()) {
            if (op.getExtensions() != null && op.getExtensions().containsKey(name)) {
              return op.getExtensions().get(name);
            }
          }
        }
      }
    }
    return null;
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

  /** The request body schema of an operation, with {@code $ref} followed. */
  public Schema<?> requestSchema(Operation op, String mediaType) {
    if (op.getRequestBody() == null || op.getRequestBody().getContent() == null) {
      return null;
    }
    var media = op.getRequestBody().getContent().get(mediaType);
    return media == null ? null : resolve(media.getSchema());
  }

  /** Follows a local {@code $ref}. */
  public Schema<?> resolve(Schema<?> schema) {
    if (schema != null && schema.get$ref() != null) {
      String ref = schema.get$ref();
      return schema(api, ref.substring(ref.lastIndexOf('/') + 1));
    }
    return schema;
  }

  static Schema<?> schema(OpenAPI api, String name) {
    Schema<?> s = api.getComponents().getSchemas().get(name);
    if (s == null) {
      throw new IllegalArgumentException("the spec has no schema " + name);
    }
    return s;
  }

  @SuppressWarnings("unchecked")
  public <T> T extension(Map<String, Object> extensions, String name) {
    return extensions == null ? null : (T) extensions.get(name);
  }

  private static List<Route> routes(OpenAPI api) {
    List<Route> routes = new ArrayList<>();
    for (Map.Entry<String, PathItem> e : api.getPaths().entrySet()) {
      Pattern pattern = Pattern.compile(
          Pattern.quote(e.getKey()).replaceAll("\\{[^/}]+}", "\\\\E[^/]+\\\\Q"));
      Map<PathItem.HttpMethod, Operation> ops = new LinkedHashMap<>(e.getValue().readOperationsMap());
      // A path with servers of its own (the hosted checkout on mixpay.me) is not the API.
      boolean otherServer = e.getValue().getServers() != null
          && !e.getValue().getServers().isEmpty();
      ops.forEach((method, op) -> routes.add(new Route(method.name().toUpperCase(Locale.ROOT),
          e.getKey(), pattern, op, otherServer)));
    }
    return List.copyOf(routes);
  }
}
