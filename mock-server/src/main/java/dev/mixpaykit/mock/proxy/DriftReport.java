package dev.mixpaykit.mock.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * What the proxy found so far: every disagreement between the upstream's traffic and the
 * spec, grouped, with the counts that put them in proportion. Written as JSON
 * ({@link #toJson()}) and as JUnit XML ({@link #toJUnitXml()}), which CI servers display and
 * fail on.
 */
public final class DriftReport {

  // The drift proxy's one mapper: reports, recordings, and reading bodies and answers.
  static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT).build();

  private final String upstream;
  private final String spec;
  private final Instant since;
  private final Instant at;
  private final long exchanges;
  private final long unchecked;
  private final long errorsUnderHttp200;
  private final long dropped;
  private final boolean valuesIncluded;
  private final List<String> checked;
  private final List<Finding> findings;

  DriftReport(String upstream, String spec, Instant since, Instant at, long exchanges,
      long unchecked, long errorsUnderHttp200, long dropped, boolean valuesIncluded,
      List<String> checked, List<Finding> findings) {
    this.upstream = upstream;
    this.spec = spec;
    this.since = since;
    this.at = at;
    this.exchanges = exchanges;
    this.unchecked = unchecked;
    this.errorsUnderHttp200 = errorsUnderHttp200;
    this.dropped = dropped;
    this.valuesIncluded = valuesIncluded;
    this.checked = checked;
    this.findings = findings;
  }

  /** The findings, ordered by operation, side and pointer. */
  public List<Finding> findings() {
    return findings;
  }

  /** True when nothing disagreed with the spec. */
  public boolean isEmpty() {
    return findings.isEmpty() && dropped == 0;
  }

  /** Exchanges with operations of the spec that were checked. */
  public long exchanges() {
    return exchanges;
  }

  /** Exchanges with routes the spec does not describe: forwarded unchecked. */
  public long unchecked() {
    return unchecked;
  }

  /** Error envelopes that came under HTTP 200 (an allowed style unless strict). */
  public long errorsUnderHttp200() {
    return errorsUnderHttp200;
  }

  /** The report as JSON; the README shows a sample. */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("upstream", upstream);
    root.put("spec", spec);
    root.put("since", since.toString());
    root.put("at", at.toString());
    root.put("exchanges", exchanges);
    root.put("unchecked", unchecked);
    root.put("errorsUnderHttp200", errorsUnderHttp200);
    root.put("valuesIncluded", valuesIncluded);
    if (dropped > 0) {
      root.put("droppedFindings", dropped);
    }
    ArrayNode checkedNode = root.putArray("checked");
    checked.forEach(checkedNode::add);
    ArrayNode list = root.putArray("findings");
    for (Finding f : findings) {
      ObjectNode n = list.addObject();
      n.put("operation", f.operation());
      n.put("side", f.side().label());
      n.put("pointer", f.pointer());
      n.put("rule", f.rule());
      n.put("expected", f.expected());
      n.put("seen", f.seen());
      n.put("count", f.count());
      n.put("firstSeen", f.firstSeen().toString());
      n.put("lastSeen", f.lastSeen().toString());
      if (f.example() != null) {
        n.put("example", f.example());
      }
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The report as one JUnit test suite: a failed test case per finding, a passed one per
   * operation and side that was checked without findings.
   */
  public String toJUnitXml() {
    StringWriter text = new StringWriter();
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      long passing = checked.stream().filter(c -> findings.stream()
          .noneMatch(f -> c.equals(f.operation() + " " + f.side().label()))).count();
      x.writeStartElement("testsuite");
      x.writeAttribute("name", "MixPay drift");
      x.writeAttribute("tests", Long.toString(passing + findings.size()));
      x.writeAttribute("failures", Long.toString(findings.size()));
      x.writeAttribute("errors", "0");
      x.writeAttribute("skipped", "0");
      x.writeAttribute("timestamp", at.toString());
      x.writeAttribute("time", seconds(Duration.between(since, at)));
      x.writeCharacters("\n");
      x.writeStartElement("properties");
      property(x, "upstream", upstream);
      property(x, "spec", spec);
      property(x, "exchanges", Long.toString(exchanges));
      property(x, "unchecked", Long.toString(unchecked));
      property(x, "errorsUnderHttp200", Long.toString(errorsUnderHttp200));
      x.writeEndElement();
      x.writeCharacters("\n");
      for (String c : checked) {
        if (findings.stream().anyMatch(f -> c.equals(f.operation() + " " + f.side().label()))) {
          continue;
        }
        int space = c.indexOf(' ');
        x.writeEmptyElement("testcase");
        x.writeAttribute("classname", "mixpay.drift." + c.substring(0, space));
        x.writeAttribute("name", c.substring(space + 1) + " conforms to the spec");
        x.writeAttribute("time", "0");
        x.writeCharacters("\n");
      }
      for (Finding f : findings) {
        x.writeStartElement("testcase");
        x.writeAttribute("classname", "mixpay.drift." + f.operation());
        x.writeAttribute("name", f.side().label() + " " + (f.pointer().isEmpty() ? "(whole)"
            : f.pointer()) + " " + f.rule() + " (" + f.seen() + ")");
        x.writeAttribute("time", "0");
        x.writeStartElement("failure");
        x.writeAttribute("type", f.rule());
        x.writeAttribute("message", "expected " + f.expected() + ", seen " + f.seen());
        x.writeCharacters("seen " + f.count() + " time" + (f.count() == 1 ? "" : "s")
            + ", first " + f.firstSeen() + ", last " + f.lastSeen()
            + (f.example() == null ? "" : ", e.g. " + f.example()));
        x.writeEndElement();
        x.writeEndElement();
        x.writeCharacters("\n");
      }
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndDocument();
      x.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return text.toString();
  }

  /** Writes {@code content} to {@code file} whole or not at all (a reader never sees half). */
  static void write(Path file, String content) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".drift", ".tmp");
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static void property(XMLStreamWriter x, String name, String value)
      throws XMLStreamException {
    x.writeEmptyElement("property");
    x.writeAttribute("name", name);
    x.writeAttribute("value", value);
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.3f", Math.max(0, d.toMillis()) / 1000.0);
  }

  @Override
  public String toString() {
    return findings.size() + " finding(s) in " + exchanges + " exchange(s) with " + upstream;
  }
}
