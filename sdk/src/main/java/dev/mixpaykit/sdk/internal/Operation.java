package dev.mixpaykit.sdk.internal;

import java.util.List;

/**
 * One operation of the spec, as the generator writes it from the spec (see
 * {@code generator-config/java-sdk/templates/api.mustache}): what the SDK's encoder needs to put
 * a request on the wire. Internal: not part of the SDK's API.
 *
 * @param operationId the spec's operationId
 * @param method the HTTP method
 * @param path the path, e.g. {@code /v1/payments_result}
 * @param query the query parameters, in the spec's order
 * @param formFields the body's fields, in the spec's order
 */
public record Operation(String operationId, String method, String path, List<Parameter> query,
    List<String> formFields) {

  /**
   * A query parameter and the spec's constraints on it.
   *
   * @param name its name on the wire
   * @param uuid true for {@code format: uuid}
   * @param pattern its {@code pattern}, or null
   * @param minLength its {@code minLength}, or null
   * @param maxLength its {@code maxLength}, or null
   */
  public record Parameter(String name, boolean uuid, String pattern, Integer minLength,
      Integer maxLength) {}
}
