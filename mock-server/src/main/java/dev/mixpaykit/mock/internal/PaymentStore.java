package dev.mixpaykit.mock.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mixpaykit.mock.CreatedPayment;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * The payments the mock has created, their state, and MixPay's idempotency: the same
 * identifier ({@code payeeId}+{@code orderId}, or {@code traceId}) with the same parameters
 * returns the same code; with other parameters, or once the payment is final, it is a conflict.
 *
 * <p>One lock guards the whole store. Each operation is a few map operations, far cheaper than
 * the validation before it, and a single lock makes "32 concurrent repeats give one code" true
 * by construction rather than by argument. Listeners hear of a payment turning final outside
 * the lock.
 */
public final class PaymentStore {

  /** The outcome of a create: the payment, new or found, and whether the repeat conflicts. */
  public record Outcome(CreatedPayment payment, boolean conflict) {}

  public static final String OVERTIME = "40000";
  public static final String UNDERPAID = "40024";

  private static final class Entry {
    CreatedPayment payment;
    Long expiredTimestamp;

    Entry(CreatedPayment payment, Long expiredTimestamp) {
      this.payment = payment;
      this.expiredTimestamp = expiredTimestamp;
    }
  }

  private final Clock clock;
  private final BiConsumer<CreatedPayment, String> onEvent;
  private final Map<String, Entry> byKey = new HashMap<>();
  private final Map<String, Entry> byCode = new HashMap<>();
  private final Map<String, Entry> byOrder = new HashMap<>();
  private final List<Entry> all = new ArrayList<>();

  /** A state change, named as MixPay's callback events name it. */
  private record Event(CreatedPayment payment, String name) {}

  /**
   * @param onEvent hears every state change outside the lock: {@code pending},
   *     {@code paid_less}, {@code success} then {@code settle}, or {@code fail}
   */
  public PaymentStore(Clock clock, BiConsumer<CreatedPayment, String> onEvent) {
    this.clock = clock;
    this.onEvent = onEvent;
  }

  private void publish(List<Event> events) {
    events.forEach(e -> onEvent.accept(e.payment(), e.name()));
  }

  /** Creates, finds the same, or reports a conflict; atomic. */
  public Outcome create(ObjectNode request, Map<String, JsonNode> defaults,
      List<List<String>> keys) {
    Map<String, String> parameters = canonical(request, defaults);
    List<String> identities = identities(parameters, keys);
    List<Event> events = new ArrayList<>(1);
    Outcome outcome;
    synchronized (this) {
      outcome = createLocked(parameters, identities, events);
    }
    publish(events);
    return outcome;
  }

  private Outcome createLocked(Map<String, String> parameters, List<String> identities,
      List<Event> events) {
    Entry existing = null;
    for (String identity : identities) {
      Entry e = byKey.get(identity);
      if (e != null && existing != null && e != existing) {
        return new Outcome(e.payment, true); // the two identifiers name different payments
      }
      existing = e != null ? e : existing;
    }
    if (existing != null) {
      expireIfDue(existing, events);
      boolean same = existing.payment.parameters().equals(parameters);
      return new Outcome(existing.payment, !same || existing.payment.isFinal());
    }
    String trace = parameters.get("traceId");
    CreatedPayment created = new CreatedPayment(
        trace != null ? trace : UUID.randomUUID().toString(), parameters.get("payeeId"),
        parameters.get("orderId"), trace, Map.copyOf(parameters), clock.instant(), "unpaid", "0",
        "0", "", null);
    String deadline = parameters.get("expiredTimestamp");
    Entry entry = new Entry(created, deadline == null ? null : Long.valueOf(deadline));
    for (String identity : identities) {
      byKey.put(identity, entry);
    }
    byCode.put(created.code(), entry);
    if (created.orderId() != null) {
      byOrder.put(orderKey(created.payeeId(), created.orderId()), entry);
    }
    all.add(entry);
    return new Outcome(created, false);
  }

  /** The payment with this code (its traceId), as it stands now. */
  public Optional<CreatedPayment> byCode(String code) {
    return read(() -> byCode.get(code));
  }

  /** The payment of this payee's order, as it stands now. */
  public Optional<CreatedPayment> byOrder(String payeeId, String orderId) {
    return read(() -> byOrder.get(orderKey(payeeId, orderId)));
  }

  /**
   * The payer pays {@code amount} in quote units (null: the rest of the price). Paid in full, the
   * payment succeeds; paid less, it waits as {@code paid_less} until the rest or the deadline.
   */
  public CreatedPayment pay(String code, BigDecimal amount) {
    return change(code, p -> {
      BigDecimal price = new BigDecimal(p.parameters().get("quoteAmount"));
      BigDecimal paid = new BigDecimal(p.paidAmount());
      BigDecimal total = paid.add(amount == null ? price.subtract(paid) : amount);
      String status = total.compareTo(price) >= 0 ? "success" : "paid_less";
      return with(p, status, plain(total), "0", "", clock.instant());
    });
  }

  /** The payer's transaction is seen and awaits confirmation. */
  public CreatedPayment pending(String code) {
    return change(code, p -> with(p, "pending", p.paidAmount(), "0", "", p.paidAt()));
  }

  /** The payment fails with this code and reason. */
  public CreatedPayment fail(String code, String failureCode, String failureReason) {
    return change(code, p -> with(p, "failed", p.paidAmount(), failureCode, failureReason,
        p.paidAt()));
  }

  /** The deadline passes now. */
  public CreatedPayment expire(String code) {
    return change(code, PaymentStore::expired);
  }

  public List<CreatedPayment> payments() {
    List<Event> events = new ArrayList<>();
    List<CreatedPayment> out = new ArrayList<>();
    synchronized (this) {
      for (Entry e : all) {
        expireIfDue(e, events);
        out.add(e.payment);
      }
    }
    publish(events);
    return out;
  }

  private static String orderKey(String payeeId, String orderId) {
    return payeeId + '\u0000' + orderId;
  }

  public synchronized void clear() {
    byKey.clear();
    byCode.clear();
    byOrder.clear();
    all.clear();
  }

  private Optional<CreatedPayment> read(java.util.function.Supplier<Entry> find) {
    List<Event> events = new ArrayList<>(1);
    CreatedPayment found;
    synchronized (this) {
      Entry e = find.get();
      if (e == null) {
        return Optional.empty();
      }
      expireIfDue(e, events);
      found = e.payment;
    }
    publish(events);
    return Optional.of(found);
  }

  private CreatedPayment change(String code,
      java.util.function.UnaryOperator<CreatedPayment> next) {
    CreatedPayment changed;
    List<Event> events = new ArrayList<>(1);
    synchronized (this) {
      Entry e = byCode.get(code);
      if (e == null) {
        throw new IllegalArgumentException("no payment with code " + code);
      }
      expireIfDue(e, events);
      if (e.payment.isFinal()) {
        throw new IllegalStateException("payment " + code + " is already " + e.payment.status());
      }
      e.payment = next.apply(e.payment);
      changed = e.payment;
      switch (changed.status()) {
        case "success" -> {
          events.add(new Event(changed, "success"));
          events.add(new Event(changed, "settle")); // the mock settles at once
        }
        case "failed" -> events.add(new Event(changed, "fail"));
        default -> events.add(new Event(changed, changed.status()));
      }
    }
    publish(events);
    return changed;
  }

  /** MixPay fails an unfinished payment at its deadline: 40000, or 40024 if underpaid. */
  private void expireIfDue(Entry e, List<Event> events) {
    if (!e.payment.isFinal() && e.expiredTimestamp != null
        && clock.millis() >= e.expiredTimestamp * 1000) {
      e.payment = expired(e.payment);
      events.add(new Event(e.payment, "fail"));
    }
  }

  private static CreatedPayment expired(CreatedPayment p) {
    boolean underpaid = "paid_less".equals(p.status());
    return with(p, "failed", p.paidAmount(), underpaid ? UNDERPAID : OVERTIME,
        underpaid ? "Underpaid at the deadline" : "Payment overtime", p.paidAt());
  }

  private static CreatedPayment with(CreatedPayment p, String status, String paidAmount,
      String failureCode, String failureReason, Instant paidAt) {
    return new CreatedPayment(p.code(), p.payeeId(), p.orderId(), p.traceId(), p.parameters(),
        p.createdAt(), status, paidAmount, failureCode, failureReason, paidAt);
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
      return plain(value.decimalValue());
    }
    return Objects.toString(value.isValueNode() ? value.asText() : value.toString());
  }

  private static String plain(BigDecimal d) {
    return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
  }
}
