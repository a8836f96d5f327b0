package dev.mixpaykit.mock.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The request schemas compiled, at spec load, into plain checks that find what
 * swagger-request-validator 2.46.1 (fge json-schema-validator 2.2.14) finds, without its
 * per-request machinery (under load the validator was about 28 % of the mock's time).
 *
 * <p>Only the keywords the specs use are compiled, each as the library checks it: {@code type}
 * (an integer is a number; a decimal node is never an integer, even {@code 10}),
 * {@code minLength}/{@code maxLength} in code points, {@code minimum}/{@code maximum} with
 * their exclusive flags, {@code pattern} through {@link EcmaRegex}, {@code format} uuid
 * ({@link UUID#fromString}), uri ({@link URI#URI(String)}), int32/int64 (on integers only),
 * {@code required}; annotations are ignored. A schema with anything else (another keyword or
 * format, a pattern outside EcmaRegex's grammar, a $ref) is not compiled: it keeps the
 * reference validator, decided here once.
 *
 * <p>A field's failures come in the library's order, the keywords alphabetically and
 * {@code format} last; the caller keeps the first, as it does with the library's messages.
 */
final class CompiledChecks {

  /** One broken keyword of one field, named as the library names it ("maxLength", "format"). */
  record Failure(String field, String keyword) {}

  private static final Set<String> ANNOTATIONS = Set.of("description", "title", "example",
      "default", "deprecated", "nullable");
  private static final Set<String> VALUE_KEYWORDS = Set.of("type", "format", "pattern",
      "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum");
  private static final Set<String> OBJECT_KEYWORDS = Set.of("type", "properties", "required");
  private static final Set<String> FORMATS = Set.of("uuid", "uri", "int32", "int64");
  private static final Set<String> TYPES = Set.of("string", "integer", "number", "boolean");

  private CompiledChecks() {}

  /** A request body's checks, or null when the body keeps the reference validator. */
  static Body body(SpecModel.BodySchema body) {
    Schema<?> schema = body.schema();
    JsonNode json = Json.mapper().convertValue(schema, JsonNode.class);
    for (Iterator<String> keys = json.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!ANNOTATIONS.contains(key) && !key.startsWith("x-")
          && !OBJECT_KEYWORDS.contains(key)) {
        return null;
      }
    }
    if (!"object".equals(schema.getType()) || schema.getProperties() == null) {
      return null;
    }
    Map<String, Value> properties = new LinkedHashMap<>();
    for (Map.Entry<String, Schema> p : schema.getProperties().entrySet()) {
      Value value = value(p.getValue());
      if (value == null) {
        return null;
      }
      properties.put(p.getKey(), value);
    }
    List<String> required = schema.getRequired() == null ? List.of()
        : List.copyOf(schema.getRequired());
    if (!properties.keySet().containsAll(required)) {
      return null;
    }
    return new Body(properties, required);
  }

  /** One value's checks (a property or a query parameter), or null when not compiled. */
  static Value value(Schema<?> schema) {
    if (schema == null || schema.get$ref() != null || !TYPES.contains(schema.getType())) {
      return null;
    }
    JsonNode json = Json.mapper().convertValue(schema, JsonNode.class);
    for (Iterator<String> keys = json.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!ANNOTATIONS.contains(key) && !VALUE_KEYWORDS.contains(key) && !key.startsWith("x-")) {
        return null;
      }
    }
    if (schema.getFormat() != null && !FORMATS.contains(schema.getFormat())) {
      return null;
    }
    // What fge's syntax check would refuse (an exclusive flag alone, a negative length) is
    // the library's to report.
    if ((schema.getExclusiveMinimum() != null && schema.getMinimum() == null)
        || (schema.getExclusiveMaximum() != null && schema.getMaximum() == null)
        || (schema.getMinLength() != null && schema.getMinLength() < 0)
        || (schema.getMaxLength() != null && schema.getMaxLength() < 0)) {
      return null;
    }
    EcmaRegex pattern = null;
    if (schema.getPattern() != null) {
      pattern = EcmaRegex.translate(schema.getPattern());
      if (pattern == null) {
        return null;
      }
    }
    return new Value(schema.getType(), schema.getFormat(), pattern, schema.getMinLength(),
        schema.getMaxLength(), schema.getMinimum(), Boolean.TRUE.equals(
        schema.getExclusiveMinimum()), schema.getMaximum(),
        Boolean.TRUE.equals(schema.getExclusiveMaximum()));
  }

  /** The compiled checks of an object body. */
  record Body(Map<String, Value> properties, List<String> required) {

    /**
     * Every failure, or null when the request holds something the compiled checks leave to
     * the reference validator (an undeclared field, a null, an array or object, a double).
     */
    List<Failure> check(ObjectNode request) {
      List<Failure> out = null;
      for (Map.Entry<String, JsonNode> field : request.properties()) {
        Value value = properties.get(field.getKey());
        if (value == null || !Value.judged(field.getValue())) {
          return null;
        }
        String keyword = value.firstFailure(field.getValue());
        if (keyword != null) {
          out = add(out, new Failure(field.getKey(), keyword));
        }
      }
      for (String name : required) {
        if (!request.has(name)) {
          out = add(out, new Failure(name, "required"));
        }
      }
      return out == null ? List.of() : out;
    }

    private static List<Failure> add(List<Failure> out, Failure f) {
      List<Failure> list = out == null ? new ArrayList<>(4) : out;
      list.add(f);
      return list;
    }
  }

  /** The compiled checks of one value. */
  record Value(String type, String format, EcmaRegex pattern, Integer minLength,
      Integer maxLength, BigDecimal minimum, boolean exclusiveMinimum, BigDecimal maximum,
      boolean exclusiveMaximum) {

    /**
     * Whether the compiled checks judge this kind of node: text, true/false, and the exact
     * number nodes the request reader makes (a double's comparisons are left to the library).
     */
    static boolean judged(JsonNode node) {
      return node.isTextual() || node.isBoolean() || node.isInt() || node.isLong()
          || node.isBigInteger() || node.isBigDecimal();
    }

    /** The first keyword the node breaks, in the library's order; null when none. */
    String firstFailure(JsonNode node) {
      if (node.isTextual()) {
        String text = node.textValue();
        if (maxLength != null || minLength != null) {
          int length = text.codePointCount(0, text.length());
          if (maxLength != null && length > maxLength) {
            return "maxLength";
          }
          if (minLength != null && length < minLength) {
            return "minLength";
          }
        }
        if (pattern != null && !pattern.matches(text)) {
          return "pattern";
        }
        if (!type.equals("string")) {
          return "type";
        }
        return "uuid".equals(format) ? (isUuid(text) ? null : "format")
            : "uri".equals(format) ? (isUri(text) ? null : "format") : null;
      }
      if (node.isNumber()) {
        BigDecimal n = null;
        if (maximum != null) {
          n = node.decimalValue();
          int c = n.compareTo(maximum);
          if (exclusiveMaximum ? c >= 0 : c > 0) {
            return "maximum";
          }
        }
        if (minimum != null) {
          n = n != null ? n : node.decimalValue();
          int c = n.compareTo(minimum);
          if (exclusiveMinimum ? c <= 0 : c < 0) {
            return "minimum";
          }
        }
        boolean integer = node.isIntegralNumber();
        if (!(type.equals("number") || (integer && type.equals("integer")))) {
          return "type";
        }
        if (integer && "int32".equals(format)) {
          return node.canConvertToInt() ? null : "format";
        }
        if (integer && "int64".equals(format)) {
          return node.canConvertToLong() ? null : "format";
        }
        return null;
      }
      return type.equals("boolean") ? null : "type";
    }

    private static boolean isUuid(String text) {
      try {
        UUID.fromString(text);
        return true;
      } catch (IllegalArgumentException e) {
        return false;
      }
    }

    private static boolean isUri(String text) {
      try {
        new URI(text);
        return true;
      } catch (URISyntaxException e) {
        return false;
      }
    }
  }
}
