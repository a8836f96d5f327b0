package dev.mixpaykit.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where the MixPay one-time payment descriptions live on the classpath.
 *
 * <p>This jar carries two versions of the contract ({@link Contract}): the current one, and the
 * one MixPay's developer page described in February 2022 ({@code isTemp} required, no
 * {@code orderId}/{@code traceId}). Each is here as YAML and as JSON (the same document).
 * Each file is self-contained: it has no reference to another file.
 *
 * <pre>{@code
 * URL spec = MixPayOpenApi.yaml();                                   // current
 * URL old = MixPayOpenApi.yaml(MixPayOpenApi.Contract.named("2022")); // --contract 2022
 * OpenAPI api = new OpenAPIV3Parser().read(old.toString());
 * }</pre>
 */
public final class MixPayOpenApi {

  /** Classpath location of the current YAML description. */
  public static final String YAML_RESOURCE = Contract.CURRENT.yamlResource();

  /** Classpath location of the current JSON description. */
  public static final String JSON_RESOURCE = Contract.CURRENT.jsonResource();

  /** A published version of the contract. */
  public enum Contract {
    /** What MixPay's current pages describe; the default everywhere. */
    CURRENT("current", "mixpay.openapi"),
    /** The February 2022 page: {@code isTemp} required, no {@code orderId} or {@code traceId}. */
    V2022("2022", "mixpay-2022.openapi");

    private static final String DIR = "dev/mixpaykit/openapi/";

    private final String label;
    private final String baseName;

    Contract(String label, String baseName) {
      this.label = label;
      this.baseName = baseName;
    }

    /** The name users type, e.g. {@code --contract 2022}: {@code "current"} or {@code "2022"}. */
    public String label() {
      return label;
    }

    /** Classpath location of this version's YAML description. */
    public String yamlResource() {
      return DIR + baseName + ".yaml";
    }

    /** Classpath location of this version's JSON description. */
    public String jsonResource() {
      return DIR + baseName + ".json";
    }

    /**
     * The version a user named: its {@link #label()} (case-insensitive), or the constant's name.
     *
     * @throws IllegalArgumentException naming the known versions, for any other text
     */
    public static Contract named(String name) {
      String wanted = name == null ? "" : name.trim();
      for (Contract c : values()) {
        if (c.label.equalsIgnoreCase(wanted) || c.name().equalsIgnoreCase(wanted)) {
          return c;
        }
      }
      throw new IllegalArgumentException("unknown contract '" + name + "'; known: "
          + Arrays.stream(values()).map(Contract::label).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
      return label.toLowerCase(Locale.ROOT);
    }
  }

  private MixPayOpenApi() {}

  /** The current YAML description's URL in this jar. */
  public static URL yaml() {
    return yaml(Contract.CURRENT);
  }

  /** The current JSON description's URL in this jar. */
  public static URL json() {
    return json(Contract.CURRENT);
  }

  /** The current YAML description's text. */
  public static String yamlText() {
    return yamlText(Contract.CURRENT);
  }

  /** The YAML description of one version. */
  public static URL yaml(Contract contract) {
    return resource(contract.yamlResource());
  }

  /** The JSON description of one version. */
  public static URL json(Contract contract) {
    return resource(contract.jsonResource());
  }

  /** The YAML description's text of one version. */
  public static String yamlText(Contract contract) {
    try (InputStream in = yaml(contract).openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + contract.yamlResource(), e);
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
