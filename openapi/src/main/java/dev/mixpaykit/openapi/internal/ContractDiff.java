package dev.mixpaykit.openapi.internal;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedMediaType;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.model.ChangedOperation;
import org.openapitools.openapidiff.core.model.ChangedSchema;
import org.openapitools.openapidiff.core.output.HtmlRender;
import org.openapitools.openapidiff.core.output.MarkdownRender;
import org.openapitools.openapidiff.core.output.Render;

/**
 * Build-time step: compares two versions of the description with openapi-diff.
 *
 * <ul>
 *   <li>{@code changelog <old> <new> <out.md> <out.html>}: the changelog, Markdown and HTML.
 *   <li>{@code gate <baseline> <current>}: fails when the current description
 *       breaks clients of the released baseline.
 * </ul>
 *
 * <p>openapi-diff judges everything a schema says. The rules MixPay states in {@code x-mixpay-*}
 * extensions are invisible to it, so a new {@code x-mixpay-required-one-of} on a request (a
 * request valid before is refused now) is added to its verdict here.
 */
public final class ContractDiff {

  static final String REQUIRED_ONE_OF = "x-mixpay-required-one-of";

  private final ChangedOpenApi diff;

  private ContractDiff(ChangedOpenApi diff) {
    this.diff = diff;
  }

  /** Compares the descriptions at two paths. */
  public static ContractDiff compare(Path older, Path newer) {
    return new ContractDiff(OpenApiCompare.fromLocations(
        older.toAbsolutePath().toUri().toString(), newer.toAbsolutePath().toUri().toString()));
  }

  public static void main(String[] args) throws IOException {
    if (args.length == 5 && args[0].equals("changelog")) {
      ContractDiff diff = compare(Path.of(args[1]), Path.of(args[2]));
      write(Path.of(args[3]), diff.markdown());
      write(Path.of(args[4]), diff.html());
    } else if (args.length == 3 && args[0].equals("gate")) {
      List<String> breaking = compare(Path.of(args[1]), Path.of(args[2])).breakingChanges();
      if (!breaking.isEmpty()) {
        // Thrown, not System.exit: this runs inside Maven's JVM (exec:java).
        throw new IllegalStateException(gateMessage(args[1], breaking));
      }
      System.out.println("No breaking change against the released baseline " + args[1]);
    } else {
      throw new IllegalArgumentException(
          "usage: ContractDiff changelog <old> <new> <out.md> <out.html> | gate <baseline> <current>");
    }
  }

  static String gateMessage(String baseline, List<String> breaking) {
    return "The description breaks clients of the last released contract (" + baseline + "):\n  - "
        + String.join("\n  - ", breaking)
        + "\nIf this is on purpose, release it: copy openapi/mixpay.openapi.yaml over "
        + baseline + " in the same commit (see README, 'Releasing a contract change').";
  }

  /** True when a client of the older version may fail against the newer one. */
  public boolean isBreaking() {
    return !breakingChanges().isEmpty();
  }

  /**
   * Each change that breaks a client of the older version, one line each: openapi-diff's
   * incompatible operations, removed operations, and new rules from {@code x-mixpay-*}.
   */
  public List<String> breakingChanges() {
    List<String> out = new ArrayList<>();
    diff.getMissingEndpoints().forEach(e ->
        out.add(e.getMethod() + " " + e.getPathUrl() + ": removed"));
    for (ChangedOperation op : diff.getChangedOperations()) {
      if (op.isCoreChanged().isIncompatible() || op.isChanged().isIncompatible()) {
        out.add(op.getHttpMethod() + " " + op.getPathUrl() + ": " + incompatibility(op));
      }
    }
    out.addAll(newRules());
    return out;
  }

  /** Lines on what changed in request fields, for the changelog's summary. */
  List<String> requestFieldChanges() {
    List<String> out = new ArrayList<>();
    for (ChangedOperation op : diff.getChangedOperations()) {
      ChangedSchema schema = requestSchema(op);
      if (schema == null) {
        continue;
      }
      String where = op.getHttpMethod() + " " + op.getPathUrl();
      if (schema.getRequired() != null) {
        schema.getRequired().getMissing().forEach(name -> out.add(where + ": `" + name
            + "` is no longer required"));
        schema.getRequired().getIncreased().forEach(name -> out.add(where + ": `" + name
            + "` is now required (breaking)"));
      }
      schema.getIncreasedProperties().keySet().forEach(name -> out.add(where + ": new field `"
          + name + "`"));
      schema.getMissingProperties().keySet().forEach(name -> out.add(where + ": field `" + name
          + "` removed"));
      if (schema.getChangedProperties() != null) {
        schema.getChangedProperties().forEach((name, changed) -> {
          if (changed.isChangeDeprecated()) {
            out.add(where + ": `" + name + "` is deprecated");
          }
        });
      }
    }
    return out;
  }

  private static String incompatibility(ChangedOperation op) {
    ChangedSchema schema = requestSchema(op);
    if (schema != null && schema.getRequired() != null
        && !schema.getRequired().getIncreased().isEmpty()) {
      return "the request now requires " + schema.getRequired().getIncreased();
    }
    return "incompatible change (see the changelog's details)";
  }

  private static ChangedSchema requestSchema(ChangedOperation op) {
    if (op.getRequestBody() == null || op.getRequestBody().getContent() == null) {
      return null;
    }
    // Form and JSON bodies share one schema; the first changed media type speaks for both.
    for (ChangedMediaType media : op.getRequestBody().getContent().getChanged().values()) {
      if (media.getSchema() != null) {
        return media.getSchema();
      }
    }
    return null;
  }

  /** Rules the extensions add to a request that was accepted before. */
  private List<String> newRules() {
    List<String> out = new ArrayList<>();
    OpenAPI older = diff.getOldSpecOpenApi();
    OpenAPI newer = diff.getNewSpecOpenApi();
    if (newer.getPaths() == null || older.getPaths() == null) {
      return out;
    }
    newer.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
      var oldItem = older.getPaths().get(path);
      Operation oldOp = oldItem == null ? null : oldItem.readOperationsMap().get(method);
      if (oldOp == null) {
        return; // a new operation breaks nobody
      }
      Object now = requestExtension(newer, op, REQUIRED_ONE_OF);
      Object before = requestExtension(older, oldOp, REQUIRED_ONE_OF);
      if (now != null && !Objects.equals(now, before)) {
        out.add(method + " " + path + ": the request now requires one of " + now
            + " (" + REQUIRED_ONE_OF + ", breaking)");
      }
    }));
    return out;
  }

  private static Object requestExtension(OpenAPI api, Operation op, String name) {
    if (op.getRequestBody() == null || op.getRequestBody().getContent() == null) {
      return null;
    }
    for (MediaType media : op.getRequestBody().getContent().values()) {
      Schema<?> schema = media.getSchema();
      if (schema != null && schema.get$ref() != null) {
        String ref = schema.get$ref();
        schema = api.getComponents().getSchemas().get(ref.substring(ref.lastIndexOf('/') + 1));
      }
      Map<String, Object> extensions = schema == null ? null : schema.getExtensions();
      if (extensions != null && extensions.containsKey(name)) {
        return extensions.get(name);
      }
    }
    return null;
  }

  /** The changelog in Markdown: a summary, then openapi-diff's full report. */
  public String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# MixPay one-time payment API: changes from ")
        .append(diff.getOldSpecOpenApi().getInfo().getVersion()).append(" to ")
        .append(diff.getNewSpecOpenApi().getInfo().getVersion()).append("\n\n")
        .append("Generated by the build from the two published descriptions with openapi-diff; ")
        .append("do not edit.\n\n");
    List<String> breaking = breakingChanges();
    md.append("## Breaking changes\n\n");
    if (breaking.isEmpty()) {
      md.append("None: a client of the older version keeps working.\n\n");
    } else {
      breaking.forEach(line -> md.append("- ").append(line).append('\n'));
      md.append('\n');
    }
    md.append("## Request fields\n\n");
    requestFieldChanges().forEach(line -> md.append("- ").append(line).append('\n'));
    md.append("\n## New operations\n\n");
    if (diff.getNewEndpoints().isEmpty()) {
      md.append("None.\n");
    }
    diff.getNewEndpoints().forEach(e -> md.append("- ").append(e.getMethod()).append(' ')
        .append(e.getPathUrl()).append(e.getSummary() == null ? "" : ": " + e.getSummary())
        .append('\n'));
    md.append("\n## Details (openapi-diff)\n\n");
    md.append(render(new MarkdownRender()));
    return md.toString();
  }

  /** The changelog in HTML: openapi-diff's report, with the summary, and no outside style. */
  public String html() {
    // The renderer links a stylesheet on the web by default; the changelog must open offline.
    String report = render(new HtmlRender("MixPay API changelog",
        "data:text/css,body%7Bfont-family:sans-serif;max-width:60em;margin:2em%20auto%7D"));
    StringBuilder summary = new StringBuilder("<h2>Breaking changes</h2><ul>");
    List<String> breaking = breakingChanges();
    if (breaking.isEmpty()) {
      summary.append("<li>None: a client of the older version keeps working.</li>");
    }
    breaking.forEach(line -> summary.append("<li>").append(escape(line)).append("</li>"));
    summary.append("</ul><h2>Request fields</h2><ul>");
    requestFieldChanges().forEach(line -> summary.append("<li>").append(escape(line))
        .append("</li>"));
    summary.append("</ul>");
    int body = report.indexOf("<body>");
    return body < 0 ? summary + report
        : report.substring(0, body + 6) + summary + report.substring(body + 6);
  }

  private String render(Render renderer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStreamWriter out = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
      renderer.render(diff, out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("`", "");
  }

  private static void write(Path out, String text) throws IOException {
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, text);
  }
}
