package dev.mixpaykit.mock.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Exchanges kept as files, one JSON document each ({@code 000001-createOneTimePayment.json}),
 * in the order they were answered: what a team turns into examples or fixtures, and what
 * {@code --replay} checks again without the upstream.
 *
 * <pre>
 * {"at": "...", "millis": 84,
 *  "request": {"method": "POST", "target": "/v1/one_time_payment",
 *              "headers": {"content-type": "..."}, "body": "payeeId=..."},
 *  "answer":  {"status": 200, "headers": {"content-type": "application/json"}, "body": "{...}"},
 *  "failure": null}
 * </pre>
 *
 * A body that is not UTF-8 text is kept as {@code bodyBase64}.
 */
final class Recordings {

  private static final ObjectMapper JSON = DriftReport.JSON;

  private final Path dir;
  private final AtomicLong sequence = new AtomicLong();

  Recordings(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the recording directory " + dir, e);
    }
  }

  void write(Exchange e, String operation) {
    ObjectNode root = JSON.createObjectNode();
    root.put("at", e.at().toString());
    root.put("millis", e.millis());
    ObjectNode request = root.putObject("request");
    request.put("method", e.method());
    request.put("target", e.target());
    headers(request, e.requestHeaders());
    body(request, e.requestBody());
    if (e.failure() == null) {
      ObjectNode answer = root.putObject("answer");
      answer.put("status", e.status());
      headers(answer, e.answerHeaders());
      body(answer, e.answerBody());
    }
    root.put("failure", e.failure());
    String name = String.format(Locale.ROOT, "%06d-%s.json", sequence.incrementAndGet(),
        operation == null ? "unchecked" : operation);
    try {
      Files.write(dir.resolve(name), JSON.writeValueAsBytes(root));
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot record to " + dir, ex);
    }
  }

  /** Every recording in {@code dir}, in the order they were made. */
  static List<Exchange> read(Path dir) {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the recordings in " + dir, e);
    }
    List<Exchange> out = new ArrayList<>(files.size());
    for (Path file : files) {
      try {
        JsonNode root = JSON.readTree(file.toFile());
        JsonNode request = root.path("request");
        JsonNode answer = root.path("answer");
        String failure = root.path("failure").isTextual() ? root.path("failure").asText() : null;
        out.add(new Exchange(Instant.parse(root.path("at").asText()),
            root.path("millis").asLong(), request.path("method").asText(),
            request.path("target").asText(), headers(request), body(request),
            answer.path("status").asInt(0), headers(answer), body(answer), failure));
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException("cannot read the recording " + file + ": "
            + e.getMessage(), e);
      }
    }
    return out;
  }

  private static void headers(ObjectNode node, Map<String, String> headers) {
    ObjectNode h = node.putObject("headers");
    headers.forEach(h::put);
  }

  private static Map<String, String> headers(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    node.path("headers").fields().forEachRemaining(e ->
        out.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText()));
    return out;
  }

  private static void body(ObjectNode node, byte[] body) {
    try {
      node.put("body", StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body)).toString());
    } catch (CharacterCodingException e) {
      node.put("bodyBase64", Base64.getEncoder().encodeToString(body));
    }
  }

  private static byte[] body(JsonNode node) {
    if (node.has("bodyBase64")) {
      return Base64.getDecoder().decode(node.path("bodyBase64").asText());
    }
    return node.path("body").asText("").getBytes(StandardCharsets.UTF_8);
  }
}
