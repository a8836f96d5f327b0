package dev.mixpaykit.openapi.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build-time step: writes the YAML description as JSON, node for node.
 *
 * <p>Generators that "bundle" (openapi-generator's {@code openapi}) re-serialise their own
 * model of the document: they inline shared responses and reorder lists. Other teams must get
 * the same document in JSON, so this converts the tree and nothing else. Decimals are read
 * exactly and written in plain notation, so {@code 0.00000001} stays {@code 0.00000001}.
 */
public final class JsonBundle {

  private JsonBundle() {}

  /** {@code JsonBundle <in.yaml> <out.json>...}: writes every output. */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: JsonBundle <in.yaml> <out.json>...");
    }
    String json = toJson(Files.readString(Path.of(args[0])));
    for (int i = 1; i < args.length; i++) {
      Path out = Path.of(args[i]);
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, json);
    }
  }

  /** The JSON text of a YAML document. */
  public static String toJson(String yaml) throws IOException {
    ObjectMapper yamlMapper = YAMLMapper.builder()
        .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .build();
    JsonNode tree = yamlMapper.readTree(yaml);
    ObjectMapper jsonMapper = JsonMapper.builder()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
        .build();
    return jsonMapper.writeValueAsString(tree) + "\n";
  }
}
