package dev.mixpaykit.mock.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.io.IOException;

/** The JSON reading and answering the mock's admin routes share, so they answer alike. */
final class AdminJson {

  private AdminJson() {}

  /** The request's JSON object (an empty body reads as {}), or null when it is not one. */
  static JsonNode body(String text) {
    try {
      JsonNode node = RequestBody.MAPPER.readTree(text == null || text.isBlank() ? "{}" : text);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** 400 with {"error": message}. */
  static ResponseDefinition problem(String message) {
    return json(400, object().put("error", message));
  }

  static ResponseDefinition json(int status, JsonNode body) {
    return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
        .withHeader("Content-Type", "application/json").withBody(body.toString()).build();
  }
}
