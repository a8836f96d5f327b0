package dev.mixpaykit.mock.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a request body into a JSON object the schema validator can check.
 *
 * <p>Form values are text; each is turned into the type its property declares when it is
 * written as that type (so {@code quoteAmount=abc} stays a string and fails validation with a
 * clear message). Form booleans accept {@code true}/{@code false}/{@code 1}/{@code 0}, because
 * MixPay's own example sends {@code isTemp=1}. Properties the schema does not declare are
 * dropped: MixPay ignores unknown fields.
 */
public final class RequestBody {

  public static final String FORM = "application/x-www-form-urlencoded";
  public static final String JSON = "application/json";

  static final ObjectMapper MAPPER = JsonMapper.builder()
      .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");
  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

  private RequestBody() {}

  /** Why a body could not be read at all. */
  public static final class Unreadable extends Exception {
    Unreadable(String message) {
      super(message, null, false, false);
    }
  }

  /** Reads {@code body} of {@code mediaType} against {@code schema}'s properties. */
  public static ObjectNode read(String mediaType, String body, Schema<?> schema)
      throws Unreadable {
    ObjectNode raw = FORM.equals(mediaType) ? form(body, schema) : json(body);
    return known(raw, schema);
  }

  /** Best-effort read for matching test controls; never throws. */
  public static ObjectNode lenient(String mediaType, String body) {
    try {
      return FORM.equals(mediaType) ? form(body, null) : json(body);
    } catch (Unreadable | RuntimeException e) {
      return JsonNodeFactory.instance.objectNode();
    }
  }

  private static ObjectNode json(String body) throws Unreadable {
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new Unreadable("the body is not valid JSON (" + e.getOriginalMessage() + ")");
    }
    if (node == null || !node.isObject()) {
      throw new Unreadable("the body must be a JSON object");
    }
    return (ObjectNode) node;
  }

  private static ObjectNode form(String body, Schema<?> schema) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    urlEncoded(body).forEach((name, value) -> {
      Schema<?> property = schema == null || schema.getProperties() == null ? null
          : schema.getProperties().get(name);
      out.set(name, typed(value, property == null ? "string" : property.getType()));
    });
    return out;
  }

  /**
   * Name/value pairs of a form body or a query string, percent-decoded; the first value of a
   * repeated name wins, as in most form parsers.
   */
  static Map<String, String> urlEncoded(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : text.split("&")) {
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
      return s; // a stray '%' stays as written; validation reports the field
    }
  }

  private static JsonNode typed(String value, String type) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (type == null) {
      return f.textNode(value);
    }
    switch (type) {
      case "boolean":
        if (value.equals("true") || value.equals("1")) {
          return f.booleanNode(true);
        }
        if (value.equals("false") || value.equals("0")) {
          return f.booleanNode(false);
        }
        return f.textNode(value);
      case "integer":
        if (INTEGER.matcher(value).matches()) {
          return f.numberNode(new BigInteger(value));
        }
        return f.textNode(value);
      case "number":
        if (DECIMAL.matcher(value).matches()) {
          return f.numberNode(new BigDecimal(value));
        }
        return f.textNode(value);
      default:
        return f.textNode(value);
    }
  }

  private static ObjectNode known(ObjectNode raw, Schema<?> schema) {
    Map<String, Schema> properties = schema.getProperties();
    if (properties == null) {
      return raw;
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    raw.fields().forEachRemaining(e -> {
      if (properties.containsKey(e.getKey())) {
        out.set(e.getKey(), e.getValue());
      }
    });
    return out;
  }
}
