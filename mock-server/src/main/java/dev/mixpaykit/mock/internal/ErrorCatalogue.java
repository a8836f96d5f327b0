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

  @SuppressWarnings("unchecked")
  static ErrorCatalogue from(OpenAPI api) {
    Schema<?> envelope = SpecModel.schema(api, "ErrorEnvelope");
    Schema<?> codeProperty = (Schema<?>) envelope.getProperties().get("code");
    Map<String, Object> pointer = codeProperty.getExtensions() == null ? null
        : (Map<String, Object>) codeProperty.getExtensions().get("x-mixpay-catalogue");
    if (pointer == null || !(pointer.get("$ref") instanceof String ref)) {
      throw new IllegalArgumentException(
          "ErrorEnvelope.code has no x-mixpay-catalogue $ref: the spec names no error catalogue");
    }
    Schema<?> catalogue = SpecModel.schema(api, ref.substring(ref.lastIndexOf('/') + 1));
    List<?> codes = catalogue.getEnum();
    Map<String, Object> ext = catalogue.getExtensions();
    List<String> names = (List<String>) ext.get("x-enum-varnames");
    List<String> messages = (List<String>) ext.get("x-enum-descriptions");
    List<Map<String, Object>> rows = (List<Map<String, Object>>) ext.get("x-mixpay-errors");
    Map<Integer, Entry> entries = new LinkedHashMap<>();
    for (int i = 0; i < codes.size(); i++) {
      int code = ((Number) codes.get(i)).intValue();
      int status = ((Number) rows.get(i).get("httpStatus")).intValue();
      entries.put(code, new Entry(code, names.get(i), messages.get(i), status));
    }
    for (int required : new int[] {SERVER_ERROR, NOT_FOUND, PARAMETER_ERROR, RATE_LIMITED}) {
      if (!entries.containsKey(required)) {
        throw new IllegalArgumentException("the spec's error catalogue lacks code " + required);
      }
    }
    return new ErrorCatalogue(entries);
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
