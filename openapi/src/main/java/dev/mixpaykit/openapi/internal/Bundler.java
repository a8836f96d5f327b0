package dev.mixpaykit.openapi.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Build-time step: turns a description that borrows from another file ({@code $ref:
 * 'mixpay.openapi.yaml#/components/...'}) into one self-contained file.
 *
 * <p>A borrowed component keeps its name and becomes a component of the bundle, so generated
 * clients name it as the other version does; a borrowed piece that is not a component (a
 * property, a path) is copied in place. References inside borrowed parts, extensions included,
 * are followed the same way. Two different components with one name fail the build rather than
 * one silently replacing the other. Generic bundlers invent names for borrowed properties
 * ({@code #/components/schemas/payeeId}), which would change every generated client.
 */
public final class Bundler {

  private static final Pattern COMPONENT = Pattern.compile("^/components/([^/]+)/([^/]+)$");

  private final Path source;
  private final ObjectNode root;
  private final Map<Path, JsonNode> documents = new HashMap<>();

  private Bundler(Path source) {
    this.source = source.toAbsolutePath().normalize();
    this.root = (ObjectNode) load(this.source);
  }

  /** {@code Bundler <in.yaml> <out.yaml>...}: writes the bundle to every output. */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: Bundler <in.yaml> <out.yaml>...");
    }
    String yaml = toYaml(bundle(Path.of(args[0])));
    for (int i = 1; i < args.length; i++) {
      Path out = Path.of(args[i]);
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, yaml);
    }
  }

  /** The self-contained tree of the description at {@code source}. */
  public static JsonNode bundle(Path source) {
    Bundler bundler = new Bundler(source);
    // The root's own components first, so a borrowed one can never take a local name.
    JsonNode components = bundler.root.get("components");
    if (components != null) {
      // Snapshots: adopting a component adds to these maps while they are being read.
      for (Map.Entry<String, JsonNode> type : fields(components)) {
        for (Map.Entry<String, JsonNode> entry : fields(type.getValue())) {
          JsonNode value = entry.getValue();
          // `Name: {$ref: 'other.yaml#/components/type/Name'}` borrows the component itself.
          if (value.has("$ref") && value.size() == 1) {
            Ref ref = bundler.ref(bundler.source, value.get("$ref").asText());
            if (!ref.file.equals(bundler.source)
                && ref.pointer.equals("/components/" + type.getKey() + "/" + entry.getKey())) {
              JsonNode copy = bundler.target(ref).deepCopy();
              ((ObjectNode) type.getValue()).set(entry.getKey(), copy);
              bundler.walk(copy, ref.file);
            }
          }
        }
      }
    }
    bundler.walk(bundler.root, bundler.source);
    return bundler.root;
  }

  /** The tree as YAML, multi-line text as literal blocks and decimals in plain notation. */
  public static String toYaml(JsonNode tree) {
    try {
      return YAMLMapper.builder()
          .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
          .build().writeValueAsString(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void walk(JsonNode node, Path file) {
    if (node.isArray()) {
      node.forEach(child -> walk(child, file));
      return;
    }
    if (!node.isObject()) {
      return;
    }
    ObjectNode object = (ObjectNode) node;
    JsonNode refNode = object.get("$ref");
    if (refNode != null && refNode.isTextual()) {
      Ref ref = ref(file, refNode.asText());
      if (ref.file.equals(source)) {
        return; // already points into the bundle
      }
      Matcher component = COMPONENT.matcher(ref.pointer);
      if (component.matches()) {
        adopt(component.group(1), component.group(2), ref);
        object.put("$ref", "#" + ref.pointer);
      } else {
        JsonNode copy = target(ref).deepCopy();
        object.remove("$ref");
        copy.fields().forEachRemaining(e -> object.set(e.getKey(), e.getValue()));
        walk(object, ref.file);
      }
      return;
    }
    // A snapshot: adopting a component adds to the map being walked (it is walked on adoption).
    for (Map.Entry<String, JsonNode> child : fields(object)) {
      walk(child.getValue(), file);
    }
  }

  private static List<Map.Entry<String, JsonNode>> fields(JsonNode node) {
    List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
    node.fields().forEachRemaining(out::add);
    return out;
  }

  private void adopt(String type, String name, Ref ref) {
    JsonNode wanted = target(ref);
    ObjectNode components = root.has("components") ? (ObjectNode) root.get("components")
        : root.putObject("components");
    ObjectNode ofType = components.has(type) ? (ObjectNode) components.get(type)
        : components.putObject(type);
    JsonNode present = ofType.get(name);
    if (present == null) {
      JsonNode copy = wanted.deepCopy();
      ofType.set(name, copy);
      walk(copy, ref.file);
    } else if (!present.equals(bundledCopy(wanted, ref.file))) {
      throw new IllegalStateException("two different components named " + type + "/" + name
          + ": " + source.getFileName() + " and " + ref.file.getFileName());
    }
  }

  /** What {@code node} from {@code file} looks like once its references point into the bundle. */
  private JsonNode bundledCopy(JsonNode node, Path file) {
    JsonNode copy = node.deepCopy();
    rewriteOnly(copy, file);
    return copy;
  }

  private void rewriteOnly(JsonNode node, Path file) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      if (object.has("$ref")) {
        Ref ref = ref(file, object.get("$ref").asText());
        if (COMPONENT.matcher(ref.pointer).matches()) {
          object.put("$ref", "#" + ref.pointer);
        }
      }
      object.elements().forEachRemaining(child -> rewriteOnly(child, file));
    } else if (node.isArray()) {
      node.forEach(child -> rewriteOnly(child, file));
    }
  }

  private JsonNode target(Ref ref) {
    JsonNode found = load(ref.file).at(ref.pointer);
    if (found.isMissingNode()) {
      throw new IllegalStateException("$ref to nothing: " + ref.file.getFileName() + "#"
          + ref.pointer);
    }
    return found;
  }

  private Ref ref(Path from, String text) {
    int hash = text.indexOf('#');
    String file = hash < 0 ? text : text.substring(0, hash);
    String pointer = hash < 0 ? "" : text.substring(hash + 1);
    Path target = file.isEmpty() ? from : from.resolveSibling(file).normalize();
    return new Ref(target, pointer);
  }

  private JsonNode load(Path file) {
    if (file.equals(source) && root != null) {
      return root;
    }
    return documents.computeIfAbsent(file, f -> {
      try {
        return YAMLMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build().readTree(Files.readString(f));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + f, e);
      }
    });
  }

  private record Ref(Path file, String pointer) {}
}
