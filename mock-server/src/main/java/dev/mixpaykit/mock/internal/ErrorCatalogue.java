package dev.mixpaykit.mock.internal;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MixPay's error codes as the spec lists them: the {@code ErrorCode} schema that the error
 * envelope's {@code code} names in {@code x-mixpay-catalogue}, with each code's message
 * ({@code x-enum-descriptions}) and HTTP status ({@code x-mixpay-errors}).
 */
public final class ErrorCatalogue {

  /** One catalogued code. */
  public record Entry(int code, String name, String message, int httpStatus) {}

  public static final int SERVER_ERROR = -1;
  public static final int NOT_FOUND = 404;
  public static final int PARAMETER_ERROR = 1017;
  public static final int RATE_LIMITED = 1429;

  private final Map<Integer, Entry> entries;

  private ErrorCatalogue(Map<Integer, Entry> entries) {
    this.entries = Collections.unmodifiableMap(entries);
  }

  static ErrorCatalogue from(OpenAPI api) {
    Schema<?> envelope = SpecModel.schema(api, "ErrorEnvelope");
    Schema<?> codeProperty = envelope.getProperties() == null ? null
        : (Schema<?>) envelope.getProperties().get("code");
    Object pointer = codeProperty == null ? null
        : Extensions.get(codeProperty.getExtensions(), "x-mixpay-catalogue");
    if (pointer == null) {
      throw new Extensions.Malformed(
          "ErrorEnvelope.code has no x-mixpay-catalogue: the spec names no error catalogue");
    }
    Object target = Extensions.object(pointer, "x-mixpay-catalogue on ErrorEnvelope.code")
        .get("$ref");
    if (!(target instanceof String ref)) {
      throw new Extensions.Malformed("x-mixpay-catalogue on ErrorEnvelope.code must hold a $ref");
    }
    String name = ref.substring(ref.lastIndexOf('/') + 1);
    Schema<?> catalogue = SpecModel.schema(api, name);
    List<?> codes = catalogue.getEnum() == null ? List.of() : catalogue.getEnum();
    Map<String, Object> ext = catalogue.getExtensions();
    List<String> names = strings(Extensions.get(ext, "x-enum-varnames"),
        "x-enum-varnames on " + name, codes.size());
    List<String> messages = strings(Extensions.get(ext, "x-enum-descriptions"),
        "x-enum-descriptions on " + name, codes.size());
    List<?> rows = Extensions.list(Extensions.get(ext, "x-mixpay-errors"),
        "x-mixpay-errors on " + name);
    if (rows.size() != codes.size()) {
      throw new Extensions.Malformed("x-mixpay-errors on " + name + " must have one row per code ("
          + codes.size() + "), not " + rows.size());
    }
    Map<Integer, Entry> entries = new LinkedHashMap<>();
    for (int i = 0; i < codes.size(); i++) {
      int code = Extensions.integer(codes.get(i), "enum of " + name + ": entry " + (i + 1));
      String row = "x-mixpay-errors on " + name + ": row " + (i + 1);
      Map<String, Object> fields = Extensions.object(rows.get(i), row);
      if (fields.get("code") != null && Extensions.integer(fields.get("code"), row + ": code") != code) {
        throw new Extensions.Malformed(row + " is for code " + fields.get("code")
            + ", but the enum has " + code + " there");
      }
      int status = Extensions.integer(fields.get("httpStatus"), row + ": httpStatus");
      if (status < 400 || status > 599) {
        throw new Extensions.Malformed(row + ": httpStatus must be 400..599, not " + status);
      }
      entries.put(code, new Entry(code, names.get(i), messages.get(i), status));
    }
    for (int required : new int[] {SERVER_ERROR, NOT_FOUND, PARAMETER_ERROR, RATE_LIMITED}) {
      if (!entries.containsKey(required)) {
        throw new Extensions.Malformed("the spec's error catalogue lacks code " + required);
      }
    }
    return new ErrorCatalogue(entries);
  }

  private static List<String> strings(Object value, String name, int size) {
    List<?> list = Extensions.list(value, name);
    if (list.size() != size) {
      throw new Extensions.Malformed(name + " must have one entry per code (" + size + "), not "
          + list.size());
    }
    List<String> out = new java.util.ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof String s)) {
        throw new Extensions.Malformed(name + " must list texts, not " + o);
      }
      out.add(s);
    }
    return out;
  }

  /** The entry for {@code code}; unknown codes answer as a server error would. */
  public Entry get(int code) {
    Entry e = entries.get(code);
    return e != null ? e : new Entry(code, "UNKNOWN", "Error " + code + ".", 500);
  }

  public boolean contains(int code) {
    return entries.containsKey(code);
  }
}
