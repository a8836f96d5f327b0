package dev.mixpaykit.mock.proxy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mixpaykit.mock.internal.RequestBody;
import dev.mixpaykit.mock.internal.RequestRules;
import dev.mixpaykit.mock.internal.SpecModel;
import dev.mixpaykit.mock.internal.Violation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A request held to the spec by the mock's own rules (the same reading of forms, JSON and
 * query strings, the same schema checks and rules beyond the schema), so that the proxy and
 * the mock cannot disagree about what a valid request is.
 */
final class RequestCheck {

  /**
   * The request's fields (query and body) as one object, and what is wrong with them;
   * {@code raw} holds, for a field the reading refused (so absent from {@code fields}), the
   * value as sent: text in a form, any JSON value in JSON.
   */
  record Result(ObjectNode fields, List<Violation> violations, String unreadable,
      ObjectNode raw) {

    Result(ObjectNode fields, List<Violation> violations, String unreadable) {
      this(fields, violations, unreadable, JsonNodeFactory.instance.objectNode());
    }
  }


  private final ReceivedAt clock = new ReceivedAt();
  private final RequestRules rules;

  RequestCheck(ProxySpec spec) {
    // The window of expiredTimestamp as the spec states it; plain-HTTP callbacks as MixPay.
    this.rules = new RequestRules(spec.model(), clock, 0, false);
  }

  /**
   * The clock of the rules relative to "now" ({@code expiredTimestamp}'s window): the moment
   * the request arrived, so that a recording replayed a month later is judged as it was sent.
   */
  private static final class ReceivedAt extends Clock {
    private volatile Instant now = Instant.EPOCH;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  synchronized Result check(SpecModel.Route route, Exchange exchange) {
    clock.now = exchange.at();
    ObjectNode fields = JsonNodeFactory.instance.objectNode();
    List<Violation> violations = new ArrayList<>();
    try {
      RequestBody.Read query = RequestBody.query(exchange.query(), route.query());
      violations.addAll(rules.checkParameters(query, route));
      fields.setAll(query.fields());
    } catch (RequestBody.Unreadable e) {
      return new Result(fields, violations, "a readable query string");
    }
    if (route.bodies().isEmpty()) {
      return new Result(fields, violations, null);
    }
    String mediaType = RequestBody.mediaType(exchange.requestHeaders().get("content-type"));
    SpecModel.BodySchema body = route.body(mediaType);
    if (body == null) {
      return new Result(fields, violations, "a body of a type the operation takes ("
          + String.join(", ", new java.util.TreeSet<>(route.bodies().keySet())) + ")");
    }
    try {
      RequestBody.Read read = RequestBody.read(mediaType, exchange.requestBody(), body);
      violations.addAll(rules.check(read, body));
      fields.setAll(read.fields());
      return new Result(fields, violations, null, violations.isEmpty()
          ? JsonNodeFactory.instance.objectNode() : raw(mediaType, exchange.requestBody()));
    } catch (RequestBody.Unreadable e) {
      return new Result(fields, violations, "a body readable as " + mediaType);
    }
  }

  /** The body's fields as sent, first value of each; empty when it cannot be read. */
  private static ObjectNode raw(String mediaType, byte[] body) {
    try {
      if (RequestBody.JSON.equals(mediaType)) {
        if (DriftReport.JSON.readTree(body) instanceof ObjectNode object) {
          return object;
        }
      } else if (RequestBody.FORM.equals(mediaType)) {
        return RequestBody.formAsSent(body);
      }
    } catch (java.io.IOException | RequestBody.Unreadable e) {
      // unreadable as sent too: the finding says "missing"
    }
    return JsonNodeFactory.instance.objectNode();
  }
}
