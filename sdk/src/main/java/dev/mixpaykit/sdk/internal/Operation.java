package dev.mixpaykit.sdk.internal;

import java.util.List;

/**
 * One operation of the spec, as the generator writes it from the spec (see
 * {@code generator-config/java-sdk/templates/api.mustache}): what the SDK's encoder needs to put
 * a request on the wire, and what its validator needs to word a broken pattern. Internal: not
 * part of the SDK's API.
 *
 * @param operationId the spec's operationId
 * @param method the HTTP method
 * @param path the path, e.g. {@code /v1/payments_result}
 * @param query the query parameters, in the spec's order
 * @param formFields the body's fields, in the spec's order
 */
public record Operation(String operationId, String method, String path, List<Parameter> query,
    List<Parameter> formFields) {

  /** The body field with this name, or null. */
  public Parameter formField(String name) {
    for (Parameter p : formFields) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    return null;
  }

  /**
   * A query parameter or body field and the spec's constraints on it.
   *
   * @param name its name on the wire
   * @param uuid true for {@code format: uuid}
   * @param pattern its {@code pattern}, or null
   * @param patternRule what the pattern asks for, in plain words ({@code x-mixpay-pattern-rule});
   *     never null beside a pattern
   * @param minLength its {@code minLength}, or null
   * @param maxLength its {@code maxLength}, or null
   */
  public record Parameter(String name, boolean uuid, String pattern, String patternRule,
      Integer minLength, Integer maxLength) {

    /**
     * Refuses a pattern without its words: a merchant would otherwise be shown a regex. The
     * generated operations are built when first used, so every SDK test fails on such a spec.
     */
    public Parameter {
      if (pattern != null && patternRule == null) {
        throw new IllegalArgumentException(name + " has a pattern but no x-mixpay-pattern-rule");
      }
    }
  }
}
