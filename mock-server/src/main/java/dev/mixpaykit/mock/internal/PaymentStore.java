package dev.mixpaykit.mock.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mixpaykit.mock.CreatedPayment;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The payments the mock has created, with MixPay's idempotency: the same identifier
 * ({@code payeeId}+{@code orderId}, or {@code traceId}) with the same parameters returns the
 * same code; with other parameters it is a conflict.
 *
 * <p>One lock guards the whole store. Creation is a few map operations, far cheaper than the
 * validation before it, and a single lock makes "32 concurrent repeats give one code" true by
 * construction rather than by argument.
 */
public final class PaymentStore {

  /** The outcome of a create: the payment, and whether this call created it. */
  public record Outcome(CreatedPayment payment, boolean created, boolean conflict) {}

  private final Map<String, CreatedPayment> byKey = new HashMap<>();
  private final List<CreatedPayment> all = new ArrayList<>();

  /** Creates, finds the same, or reports a conflict; atomic. */
  public Outcome create(ObjectNode request, Map<String, JsonNode> defaults,
      List<List<String>> keys, Instant now) {
    Map<String, String> parameters = canonical(request, defaults);
    List<String> identities = identities(parameters, keys);
    synchronized (this) {
      CreatedPayment existing = null;
      for (String identity : identities) {
        CreatedPayment p = byKey.get(identity);
        if (p != null && existing != null && p != existing) {
          return new Outcome(p, false, true); // the two identifiers name different payments
        }
        existing = p != null ? p : existing;
      }
      if (existing != null) {
        boolean same = existing.parameters().equals(parameters);
        return new Outcome(existing, false, !same);
      }
      String trace = parameters.get("traceId");
      CreatedPayment created = new CreatedPayment(
          trace != null ? trace : UUID.randomUUID().toString(), parameters.get("payeeId"),
          parameters.get("orderId"), trace, Map.copyOf(parameters), now);
      for (String identity : identities) {
        byKey.put(identity, created);
      }
      all.add(created);
      return new Outcome(created, true, false);
    }
  }

  public synchronized List<CreatedPayment> payments() {
    return List.copyOf(all);
  }

  public synchronized void clear() {
    byKey.clear();
    all.clear();
  }

  private static List<String> identities(Map<String, String> parameters, List<List<String>> keys) {
    List<String> out = new ArrayList<>(keys.size());
    for (List<String> key : keys) {
      StringBuilder identity = new StringBuilder();
      boolean complete = true;
      for (String field : key) {
        String value = parameters.get(field);
        if (value == null) {
          complete = false;
          break;
        }
        identity.append(field).append('=').append(value).append('\u0000');
      }
      if (complete) {
        out.add(identity.toString());
      }
    }
    return out;
  }

  private static Map<String, String> canonical(ObjectNode request, Map<String, JsonNode> defaults) {
    Map<String, String> out = new TreeMap<>();
    defaults.forEach((name, value) -> out.put(name, text(value)));
    request.fields().forEachRemaining(e -> out.put(e.getKey(), text(e.getValue())));
    return out;
  }

  private static String text(JsonNode value) {
    if (value.isNumber()) {
      return value.decimalValue().stripTrailingZeros().toPlainString();
    }
    return Objects.toString(value.isValueNode() ? value.asText() : value.toString());
  }
}
