package dev.mixpaykit.mock.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mixpaykit.mock.internal.RequestBody;
import dev.mixpaykit.mock.internal.RequestRules;
import dev.mixpaykit.mock.internal.SpecModel;
import dev.mixpaykit.mock.internal.Violation;
import io.swagger.v3.oas.models.media.Schema;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request held to the spec by the mock's own rules (the same reading of forms and JSON, the
 * same schema checks and rules beyond the schema), so that the proxy and the mock cannot
 * disagree about what a valid request is.
 */
final class RequestCheck {

  /** The request's fields as one object, and what is wrong with them. */
  record Result(ObjectNode fields, List<Violation> violations, String unreadable) {}

  private final ProxySpec spec;
  private final RequestRules rules;

  RequestCheck(ProxySpec spec, Clock clock) {
    this.spec = spec;
    // The window of expiredTimestamp as the spec states it; plain-HTTP callbacks as MixPay.
    this.rules = new RequestRules(spec.model(), clock, 0, false);
  }

  Result check(SpecModel.Route route, Exchange exchange) {
    Map<String, String> query = query(exchange.query());
    String mediaType = mediaType(exchange.requestHeaders().get("content-type"));
    Schema<?> schema = mediaType == null ? null : spec.requestSchema(route, mediaType);
    boolean takesBody = route.operation().getRequestBody() != null;
    List<Violation> violations = new ArrayList<>(
        rules.checkParameters(query, route.operation()));
    ObjectNode fields = JsonNodeFactory.instance.objectNode();
    query.forEach(fields::put);
    if (!takesBody) {
      return new Result(fields, violations, null);
    }
    if (schema == null) {
      return new Result(fields, violations, "a body of a type the operation takes ("
          + String.join(", ", route.operation().getRequestBody().getContent().keySet()) + ")");
    }
    String body = new String(exchange.requestBody(), StandardCharsets.UTF_8);
    try {
      ObjectNode read = RequestBody.read(mediaType, body, schema);
      violations.addAll(rules.check(read, schema));
      read.fields().forEachRemaining(e -> fields.set(e.getKey(), e.getValue()));
      return new Result(fields, violations, null);
    } catch (RequestBody.Unreadable e) {
      return new Result(fields, violations, "a body readable as " + mediaType);
    }
  }

  /** The field a violation names, as it was sent; null when it was not sent. */
  static JsonNode value(ObjectNode fields, Violation v) {
    return fields.get(v.field());
  }

  static String mediaType(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    int semi = header.indexOf(';');
    return (semi < 0 ? header : header.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      out.putIfAbsent(decode(eq < 0 ? pair : pair.substring(0, eq)),
          eq < 0 ? "" : decode(pair.substring(eq + 1)));
    }
    return out;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
