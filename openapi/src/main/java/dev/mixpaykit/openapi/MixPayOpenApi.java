package dev.mixpaykit.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * Where the MixPay one-time payment description lives on the classpath.
 *
 * <p>This jar carries the description twice: the hand-maintained YAML, and the same document
 * as JSON (converted at build time, nothing added or dropped). Load whichever your tool reads:
 *
 * <pre>{@code
 * URL spec = MixPayOpenApi.yaml();
 * OpenAPI api = new OpenAPIV3Parser().read(spec.toString());
 * }</pre>
 */
public final class MixPayOpenApi {

  /** Classpath location of the YAML description. */
  public static final String YAML_RESOURCE = "dev/mixpaykit/openapi/mixpay.openapi.yaml";

  /** Classpath location of the JSON description. */
  public static final String JSON_RESOURCE = "dev/mixpaykit/openapi/mixpay.openapi.json";

  private MixPayOpenApi() {}

  /** The YAML description's URL in this jar. */
  public static URL yaml() {
    return resource(YAML_RESOURCE);
  }

  /** The JSON description's URL in this jar. */
  public static URL json() {
    return resource(JSON_RESOURCE);
  }

  /** The YAML description's text. */
  public static String yamlText() {
    try (InputStream in = yaml().openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + YAML_RESOURCE, e);
    }
  }

  private static URL resource(String name) {
    URL url = MixPayOpenApi.class.getClassLoader().getResource(name);
    if (url == null) {
      // Only a broken jar or a build that skipped resource processing gets here.
      throw new IllegalStateException(name + " is missing from the classpath");
    }
    return url;
  }
}
