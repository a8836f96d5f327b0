package dev.mixpaykit.mock.proxy;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mixpaykit.mock.internal.ErrorCatalogue;
import dev.mixpaykit.mock.internal.SpecModel;
import io.swagger.v3.core.util.Yaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the proxy needs from the spec, read once: the mock's model (routes, error catalogue),
 * swagger-request-validator's response validation, and the document itself as a tree, where
 * a validator's schema pointer is turned back into the words of the spec.
 */
final class ProxySpec {

  /** A value catalogued by {@code x-mixpay-catalogue}: open-ended, but new values are news. */
  record Catalogued(String pointer, String name, Set<String> known) {}

  private final SpecModel model;
  private final OpenApiInteractionValidator validator;
  private final JsonNode document;
  private final String title;
  private final Map<String, List<Catalogued>> catalogued = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> statuses = new ConcurrentHashMap<>();

  private ProxySpec(SpecModel model, OpenApiInteractionValidator validator, JsonNode document) {
    this.model = model;
    this.validator = validator;
    this.document = document;
    this.title = document.path("info").path("title").asText("spec") + " "
        + document.path("info").path("version").asText("");
  }

  static ProxySpec load(String location) {
    SpecModel model = SpecModel.load(location);
    // The validator parses the document itself, with every $ref inlined: its schema pointers
    // are then relative to the response schema, which #schemaAt follows through the $refs.
    OpenApiInteractionValidator validator =
        OpenApiInteractionValidator.createForSpecificationUrl(location).build();
    JsonNode document;
    try {
      document = Yaml.mapper().readTree(new URL(location));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the spec at " + location, e);
    }
    return new ProxySpec(model, validator, document);
  }

  String title() {
    return title.trim();
  }

  OpenApiInteractionValidator validator() {
    return validator;
  }

  ErrorCatalogue catalogue() {
    return model.catalogue();
  }

  /** The API operation at this method and path; null for routes the spec does not describe. */
  SpecModel.Route route(String method, String path) {
    for (SpecModel.Route r : model.routesFor(path)) {
      // A path with servers of its own (the checkout on mixpay.me) is not the API proxied.
      if (r.method().equals(method) && !r.otherServer()) {
        return r;
      }
    }
    return null;
  }

  SpecModel model() {
    return model;
  }

  /** {@code x-mixpay-idempotency} keys of an operation; empty when it states none. */
  List<List<String>> idempotencyKeys(SpecModel.Route route) {
    return route.idempotency() == null ? List.of() : route.idempotency().keys();
  }

  /** The HTTP statuses an operation declares, in the spec's order. */
  Set<String> declaredStatuses(SpecModel.Route route) {
    return statuses.computeIfAbsent(route.method() + " " + route.template(), k -> {
      Set<String> out = new TreeSet<>();
      operation(route).path("responses").fieldNames().forEachRemaining(out::add);
      return java.util.Collections.unmodifiableSet(out);
    });
  }

  /**
   * The schema at a validator's schema pointer inside the JSON answer schema of a route and
   * status, with {@code $ref}s followed at each step; a missing node when it cannot be found.
   */
  JsonNode schemaAt(SpecModel.Route route, int status, String schemaPointer) {
    JsonNode node = answerSchema(route, status);
    if (schemaPointer == null || schemaPointer.isEmpty()) {
      return node;
    }
    for (String token : schemaPointer.substring(1).split("/", -1)) {
      node = deref(node).path(token.replace("~1", "/").replace("~0", "~"));
    }
    return deref(node);
  }

  /** Every catalogued value in the JSON answer of a route and status, by pointer. */
  List<Catalogued> catalogued(SpecModel.Route route, int status) {
    return catalogued.computeIfAbsent(route.operationId() + " " + status, k -> {
      List<Catalogued> out = new ArrayList<>();
      collect(answerSchema(route, status), "", out, new HashSet<>());
      return List.copyOf(out);
    });
  }

  private void collect(JsonNode schema, String pointer, List<Catalogued> out, Set<JsonNode> seen) {
    schema = deref(schema);
    if (schema.isMissingNode() || !seen.add(schema) || pointer.length() > 200) {
      return;
    }
    JsonNode ref = schema.path("x-mixpay-catalogue");
    if (!ref.isMissingNode()) {
      Set<String> known = new TreeSet<>();
      deref(ref).path("enum").forEach(v -> known.add(v.asText()));
      String name = ref.path("$ref").asText("the catalogue");
      out.add(new Catalogued(pointer, name.substring(name.lastIndexOf('/') + 1),
          Set.copyOf(known)));
    }
    schema.path("properties").fields().forEachRemaining(e ->
        collect(e.getValue(), pointer + "/" + e.getKey(), out, seen));
  }

  private JsonNode answerSchema(SpecModel.Route route, int status) {
    JsonNode responses = operation(route).path("responses");
    JsonNode response = responses.path(Integer.toString(status));
    if (response.isMissingNode()) {
      response = responses.path("default");
    }
    JsonNode content = deref(response).path("content");
    for (var it = content.fields(); it.hasNext(); ) {
      var e = it.next();
      if (e.getKey().toLowerCase(Locale.ROOT).contains("json")) {
        return deref(e.getValue().path("schema"));
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  private JsonNode operation(SpecModel.Route route) {
    return document.path("paths").path(route.template())
        .path(route.method().toLowerCase(Locale.ROOT));
  }

  /** Follows local {@code $ref}s ({@code #/components/...}). */
  private JsonNode deref(JsonNode node) {
    for (int hops = 0; hops < 20 && node.has("$ref"); hops++) {
      String ref = node.get("$ref").asText();
      node = ref.startsWith("#") ? document.at(ref.substring(1)) : node.path("\0");
    }
    return node;
  }
}
