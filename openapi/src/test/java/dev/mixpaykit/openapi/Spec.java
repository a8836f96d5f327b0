package dev.mixpaykit.openapi;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URL;

/** Parses the descriptions the jar carries, as every other test reads them. */
final class Spec {

  private Spec() {}

  static SwaggerParseResult parse(URL location) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    return new OpenAPIParser().readLocation(location.toString(), null, options);
  }

  /** The current YAML description, parsed; fails if the parser had anything to say. */
  static OpenAPI yaml() {
    return yaml(MixPayOpenApi.Contract.CURRENT);
  }

  /** One version's YAML description, parsed; fails if the parser had anything to say. */
  static OpenAPI yaml(MixPayOpenApi.Contract contract) {
    SwaggerParseResult result = parse(MixPayOpenApi.yaml(contract));
    if (result.getMessages() != null && !result.getMessages().isEmpty()) {
      throw new AssertionError("parser messages: " + result.getMessages());
    }
    return result.getOpenAPI();
  }
}
