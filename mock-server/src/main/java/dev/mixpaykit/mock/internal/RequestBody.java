package dev.mixpaykit.mock.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a request body (or query string) once into typed values the schema validator can
 * check, with one rule set for form and JSON bodies alike:
 *
 * <ul>
 *   <li>Text is UTF-8; percent escapes must be well formed. Otherwise the request is
 *       {@link Unreadable}.
 *   <li>An empty value ({@code callbackUrl=} in a form, {@code ""} or {@code null} in JSON) is
 *       the same as leaving the field out.
 *   <li>A field given twice is refused ("is given more than once"): neither value is guessed.
 *   <li>Decimals are written in plain notation ({@code 10}, {@code 0.5}; not {@code 1E+3}),
 *       as a JSON number or a JSON string (MixPay's own JS client sends {@code "10"}), with at
 *       most the digits the spec's {@code x-mixpay-decimal} allows; they are bounded here,
 *       before anything is stored.
 *   <li>Integers are whole numbers (a JSON number or text of digits) within their format's
 *       range; booleans are {@code true}/{@code false}/{@code 1}/{@code 0}.
 *   <li>Fields the schema does not declare are dropped: MixPay ignores unknown fields.
 * </ul>
 */
public final class RequestBody {

  public static final String FORM = "application/x-www-form-urlencoded";
  public static final String JSON = "application/json";

  // A number's length is judged by the amount rules (with the field's name), never by the
  // parser's own limit of 1000 digits; the body limit bounds it anyway.
  static final ObjectMapper MAPPER = JsonMapper.builder(com.fasterxml.jackson.core.JsonFactory
          .builder().streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints
              .builder().maxNumberLength(Integer.MAX_VALUE).build()).build())
      .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  // A field's value inside the body: the check for trailing tokens is the whole body's.
  private static final com.fasterxml.jackson.databind.ObjectReader SUBTREE = MAPPER.reader()
      .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final java.util.Set<String> SCALAR_TYPES =
      java.util.Set.of("string", "number", "integer", "boolean", "null");
  static final String LONE_SURROGATE =
      "must be valid Unicode text (it contains half of a surrogate pair)";
  private static final Pattern WHOLE = Pattern.compile("-?[0-9]+");
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  /** The typed fields, and the rules the reading itself found broken. */
  public record Read(ObjectNode fields, List<Violation> violations) {
    public static Read empty() {
      return new Read(NODES.objectNode(), List.of());
    }
  }

  /** Why a body could not be read at all. */
  public static final class Unreadable extends Exception {
    Unreadable(String message) {
      super(message, null, false, false);
    }
  }

  private RequestBody() {}

  /** A Content-Type header's media type, lower case, without parameters; null when absent. */
  public static String mediaType(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    int semi = header.indexOf(';');
    return (semi < 0 ? header : header.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

  /** Reads {@code body} of {@code mediaType} against {@code schema}'s fields. */
  public static Read read(String mediaType, byte[] body, SpecModel.BodySchema schema)
      throws Unreadable {
    String text = utf8(body, "the body");
    return FORM.equals(mediaType) ? form(text, schema) : json(text, schema);
  }

  /** Reads a query string (without the '?') against an operation's query parameters. */
  public static Read query(String query, List<SpecModel.QueryParameter> parameters)
      throws Unreadable {
    ObjectNode out = NODES.objectNode();
    List<Violation> violations = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Map.Entry<String, String> pair : pairs(query, "the query string")) {
      String name = pair.getKey();
      if (parameters.stream().noneMatch(p -> p.name().equals(name))) {
        continue;
      }
      if (!seen.add(name)) {
        duplicate(name, out, violations);
      } else if (!pair.getValue().isEmpty()) {
        out.put(name, pair.getValue());
      }
    }
    return new Read(out, violations);
  }

  /** A form body's fields as sent: the first value of each, untyped, whatever the schema. */
  public static ObjectNode formAsSent(byte[] body) throws Unreadable {
    ObjectNode out = NODES.objectNode();
    for (Map.Entry<String, String> pair : pairs(utf8(body, "the body"), "the form body")) {
      if (!out.has(pair.getKey())) {
        out.put(pair.getKey(), pair.getValue());
      }
    }
    return out;
  }

  private static Read form(String body, SpecModel.BodySchema schema) throws Unreadable {
    ObjectNode out = NODES.objectNode();
    List<Violation> violations = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Map.Entry<String, String> pair : pairs(body, "the form body")) {
      SpecModel.Field field = schema.field(pair.getKey());
      if (field == null) {
        continue;
      }
      if (!seen.add(field.name())) {
        duplicate(field.name(), out, violations);
      } else if (!pair.getValue().isEmpty()) {
        typed(field, pair.getValue(), null, out, violations);
      }
    }
    return new Read(out, violations);
  }

  private static Read json(String body, SpecModel.BodySchema schema) throws Unreadable {
    ObjectNode out = NODES.objectNode();
    List<Violation> violations = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    try (JsonParser p = MAPPER.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new Unreadable("the body must be a JSON object");
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        SpecModel.Field field = schema.field(name);
        if (field == null) {
          p.skipChildren();
          continue;
        }
        if (!seen.add(name)) {
          p.skipChildren();
          duplicate(name, out, violations);
          continue;
        }
        switch (value) {
          case VALUE_NULL -> { }
          case VALUE_STRING -> {
            if (!p.getText().isEmpty()) {
              typed(field, p.getText(), null, out, violations);
            }
          }
          // The token's own text: a number is judged as written, never after conversion.
          case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> typed(field, p.getText(),
              JsonToken.VALUE_NUMBER_FLOAT, out, violations);
          case VALUE_TRUE, VALUE_FALSE -> out.put(name, value == JsonToken.VALUE_TRUE);
          default -> {
            // An object or an array.
            if (SCALAR_TYPES.contains(String.valueOf(field.type()))) {
              p.skipChildren();
              violations.add(new Violation(name, typeRule(field), field.errorCode()));
            } else {
              out.set(name, SUBTREE.readTree(p));
            }
          }
        }
      }
      if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw new Unreadable("the body is not valid JSON (something follows the object)");
      }
    } catch (JsonProcessingException e) {
      // Jackson's own words, without its pointers into its internals.
      String why = e.getOriginalMessage().split(" \\(start marker| at \\[Source|\n", 2)[0]
          .replaceAll(":? ?enable `[^`]*` to allow", "");
      throw new Unreadable("the body is not valid JSON ("
          + (why.length() > 120 ? why.substring(0, 120) + "..." : why) + ")");
    } catch (IOException e) {
      throw new Unreadable("the body could not be read");
    }
    return new Read(out, violations);
  }

  /** What a field of a scalar type must be, in the words the validator's type check uses. */
  private static String typeRule(SpecModel.Field field) {
    return switch (String.valueOf(field.type())) {
      case "number" -> Rules.PLAIN_DECIMAL;
      case "integer" -> Rules.WHOLE_NUMBER;
      case "boolean" -> Rules.TRUE_OR_FALSE;
      default -> "must be text";
    };
  }

  static boolean hasLoneSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  private static void duplicate(String name, ObjectNode out, List<Violation> violations) {
    out.remove(name);
    if (violations.stream().noneMatch(v -> v.field().equals(name)
        && v.rule().equals(Rules.GIVEN_TWICE))) {
      violations.removeIf(v -> v.field().equals(name));
      violations.add(new Violation(name, Rules.GIVEN_TWICE, ErrorCatalogue.PARAMETER_ERROR));
    }
  }

  /**
   * Turns a value written as text (a form value, a JSON string, or a JSON number's own text)
   * into the type its field declares; a value that breaks the reading rules becomes a
   * violation and is left out.
   */
  private static void typed(SpecModel.Field field, String text, JsonToken jsonNumber,
      ObjectNode out, List<Violation> violations) {
    String name = field.name();
    String type = field.type() == null ? "string" : field.type();
    switch (type) {
      case "number" -> {
        String problem = Rules.decimalProblem(text, field.decimal());
        if (problem != null) {
          violations.add(new Violation(name, problem, ErrorCatalogue.PARAMETER_ERROR));
        } else {
          out.set(name, NODES.numberNode(new BigDecimal(text)));
        }
      }
      case "integer" -> {
        if (!WHOLE.matcher(text).matches()) {
          violations.add(new Violation(name, Rules.WHOLE_NUMBER, ErrorCatalogue.PARAMETER_ERROR));
          return;
        }
        String range = Rules.integerRangeProblem(text, field.format(), field.schema());
        if (range != null) {
          violations.add(new Violation(name, range, field.errorCode()));
        } else {
          out.set(name, NODES.numberNode(new BigInteger(text)));
        }
      }
      case "boolean" -> {
        switch (text) {
          case "true", "1" -> out.put(name, true);
          case "false", "0" -> out.put(name, false);
          default -> violations.add(new Violation(name, Rules.TRUE_OR_FALSE,
              ErrorCatalogue.PARAMETER_ERROR));
        }
      }
      default -> {
        if (jsonNumber != null) {
          // A JSON number where text is expected: the validator names the type.
          violations.add(new Violation(name, "must be text", field.errorCode()));
        } else if (hasLoneSurrogate(text)) {
          // Only a JSON escape (\ud800) can write one; stored, it would come back as "?".
          violations.add(new Violation(name, LONE_SURROGATE, ErrorCatalogue.PARAMETER_ERROR));
        } else {
          out.put(name, text);
        }
      }
    }
  }

  /**
   * Name/value pairs of a form body or a query string, percent-decoded as UTF-8, in order,
   * repeats included.
   */
  static List<Map.Entry<String, String>> pairs(String text, String what) throws Unreadable {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    int start = 0;
    while (start <= text.length()) {
      int end = text.indexOf('&', start);
      if (end < 0) {
        end = text.length();
      }
      if (end > start) {
        String pair = text.substring(start, end);
        int eq = pair.indexOf('=');
        out.add(new AbstractMap.SimpleImmutableEntry<>(
            decode(eq < 0 ? pair : pair.substring(0, eq), what),
            eq < 0 ? "" : decode(pair.substring(eq + 1), what)));
      }
      start = end + 1;
    }
    return out;
  }

  /** Strict percent-decoding: a stray '%' or an escape that is not UTF-8 is refused. */
  static String decode(String s, String what) throws Unreadable {
    if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
      return s;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '+') {
        bytes.write(' ');
      } else if (c == '%') {
        int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
        int lo = hi < 0 ? -1 : Character.digit(s.charAt(i + 2), 16);
        if (lo < 0) {
          String escape = s.substring(i, Math.min(s.length(), i + 3));
          throw new Unreadable(what + " is not correctly URL-encoded: \"" + escape
              + "\" is not a percent escape (write % as %25)");
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else {
        byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
          utf8 = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        bytes.write(utf8, 0, utf8.length);
      }
    }
    return utf8(bytes.toByteArray(), what);
  }

  /** Bytes as UTF-8 text; malformed UTF-8 is refused rather than silently replaced. */
  static String utf8(byte[] bytes, String what) throws Unreadable {
    if (bytes == null || bytes.length == 0) {
      return "";
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new Unreadable(what + " is not valid UTF-8 text");
    }
  }
}
