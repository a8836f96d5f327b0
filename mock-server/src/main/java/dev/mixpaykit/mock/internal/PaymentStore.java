package dev.mixpaykit.mock.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mixpaykit.mock.CreatedPayment;
import dev.mixpaykit.mock.Failure;
import dev.mixpaykit.mock.PaymentStatus;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The payments the mock has created, their state, and MixPay's idempotency: the same
 * identifier ({@code payeeId}+{@code orderId}, or {@code traceId}) with the same parameters
 * returns the same code; with other parameters, or once the payment is final, it is a conflict.
 *
 * <p>Bounded: it holds at most {@code maxPayments}. When full, a new payment makes room by
 * forgetting the payment that finished ({@code success} or {@code failed}) longest ago; when
 * none has finished, the new payment is refused ({@link Outcome.Kind#FULL}) rather than an
 * unfinished one being dropped. Nothing unfinished is ever forgotten except by {@link #clear()}.
 *
 * <p>One lock guards the whole store. Each operation is a few map operations, far cheaper than
 * the validation before it, and a single lock makes "32 concurrent repeats give one code" true
 * by construction rather than by argument. Listeners hear of state changes outside the lock.
 * All time comes from the one {@link Clock}, every new code from the one {@code codes} source.
 */
public final class PaymentStore {

  /** The outcome of a create. */
  public record Outcome(Kind kind, CreatedPayment payment) {
    public enum Kind {
      /** A new payment. */
      CREATED,
      /** An idempotent repeat: the payment created before. */
      FOUND,
      /** The identifier names a payment with other parameters, or a finished one. */
      CONFLICT,
      /** The store is full of unfinished payments; nothing was created. */
      FULL
    }
  }

  private static final class Entry {
    CreatedPayment payment;
    final Long deadlineMs;
    final List<String> identities;

    Entry(CreatedPayment payment, Long deadlineMs, List<String> identities) {
      this.payment = payment;
      this.deadlineMs = deadlineMs;
      this.identities = identities;
    }
  }

  /** A state change, named as MixPay's callback events name it. */
  private record Event(CreatedPayment payment, String name) {}

  private final Clock clock;
  private final Supplier<String> codes;
  private final int maxPayments;
  private final BiConsumer<CreatedPayment, String> onEvent;
  // Hears each new deadline (epoch ms), so the mock can expire payments as its clock passes them.
  private volatile LongConsumer onDeadline = deadlineMs -> { };
  private final Map<String, Entry> byKey = new HashMap<>();
  // Creation order: the admin listing pages through it.
  private final LinkedHashMap<String, Entry> byCode = new LinkedHashMap<>();
  private final Map<String, Entry> byOrder = new HashMap<>();
  // Finished payments in the order they finished: the first to forget when full.
  private final LinkedHashMap<String, Entry> finished = new LinkedHashMap<>();
  // Unfinished payments with a deadline, soonest first: expired when room is needed.
  private final PriorityQueue<Entry> deadlines = new PriorityQueue<>(
      (a, b) -> Long.compare(a.deadlineMs, b.deadlineMs));

  /**
   * @param codes the source of new payment codes (used when a request has no traceId)
   * @param maxPayments how many payments the store holds at most
   * @param onEvent hears every state change outside the lock: {@code pending},
   *     {@code paid_less}, {@code success} then {@code settle}, or {@code fail}
   */
  public PaymentStore(Clock clock, Supplier<String> codes, int maxPayments,
      BiConsumer<CreatedPayment, String> onEvent) {
    if (maxPayments < 1) {
      throw new IllegalArgumentException("maxPayments must be positive");
    }
    this.clock = clock;
    this.codes = codes;
    this.maxPayments = maxPayments;
    this.onEvent = onEvent;
  }

  public int maxPayments() {
    return maxPayments;
  }

  /** Hears the deadline (epoch ms) of every payment created from now on, outside the lock. */
  public void onDeadline(LongConsumer listener) {
    this.onDeadline = java.util.Objects.requireNonNull(listener, "listener");
  }

  /**
   * Fails every unfinished payment whose deadline has passed, as MixPay does at
   * {@code expiredTimestamp}; returns the next deadline still ahead (epoch ms), or
   * {@link Long#MAX_VALUE} when there is none.
   */
  public long expireDue() {
    List<Event> events = new ArrayList<>();
    long next;
    synchronized (this) {
      long now = clock.millis();
      while (!deadlines.isEmpty() && deadlines.peek().deadlineMs <= now) {
        expireIfDue(deadlines.poll(), events);
      }
      next = deadlines.isEmpty() ? Long.MAX_VALUE : deadlines.peek().deadlineMs;
    }
    publish(events);
    return next;
  }

  private void publish(List<Event> events) {
    events.forEach(e -> onEvent.accept(e.payment(), e.name()));
  }

  /** Creates, finds the same, or reports a conflict or a full store; atomic. */
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
    String deadline = parameters.get("expiredTimestamp");
    if (outcome.kind() == Outcome.Kind.CREATED && deadline != null) {
      onDeadline.accept(Long.parseLong(deadline) * 1000);
    }
    return outcome;
  }

  private Outcome createLocked(Map<String, String> parameters, List<String> identities,
      List<Event> events) {
    Entry existing = null;
    for (String identity : identities) {
      Entry e = byKey.get(identity);
      if (e != null && existing != null && e != existing) {
        // The two identifiers name different payments.
        return new Outcome(Outcome.Kind.CONFLICT, e.payment);
      }
      existing = e != null ? e : existing;
    }
    if (existing != null) {
      expireIfDue(existing, events);
      boolean same = existing.payment.parameters().equals(parameters);
      return new Outcome(same && !existing.payment.isFinal() ? Outcome.Kind.FOUND
          : Outcome.Kind.CONFLICT, existing.payment);
    }
    if (byCode.size() >= maxPayments && !makeRoom(events)) {
      return new Outcome(Outcome.Kind.FULL, null);
    }
    String trace = parameters.get("traceId");
    CreatedPayment created = new CreatedPayment(trace != null ? trace : codes.get(),
        parameters.get("payeeId"), parameters.get("orderId"), trace, parameters,
        new BigDecimal(parameters.get("quoteAmount")), clock.instant(), PaymentStatus.UNPAID,
        BigDecimal.ZERO, null, null);
    String deadline = parameters.get("expiredTimestamp");
    Entry entry = new Entry(created, deadline == null ? null : Long.parseLong(deadline) * 1000,
        identities);
    for (String identity : identities) {
      byKey.put(identity, entry);
    }
    byCode.put(created.code(), entry);
    if (created.orderId() != null) {
      byOrder.put(orderKey(created.payeeId(), created.orderId()), entry);
    }
    if (entry.deadlineMs != null) {
      deadlines.add(entry);
    }
    return new Outcome(Outcome.Kind.CREATED, created);
  }

  /** Expires what is due, then forgets the payment that finished longest ago, if any. */
  private boolean makeRoom(List<Event> events) {
    long now = clock.millis();
    while (!deadlines.isEmpty() && deadlines.peek().deadlineMs <= now) {
      expireIfDue(deadlines.poll(), events);
    }
    Iterator<Entry> oldest = finished.values().iterator();
    if (!oldest.hasNext()) {
      return false;
    }
    Entry gone = oldest.next();
    oldest.remove();
    byCode.remove(gone.payment.code());
    gone.identities.forEach(id -> byKey.remove(id, gone));
    if (gone.payment.orderId() != null) {
      byOrder.remove(orderKey(gone.payment.payeeId(), gone.payment.orderId()), gone);
    }
    return true;
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
    if (amount != null && amount.signum() <= 0) {
      throw new IllegalArgumentException("amount must be positive");
    }
    return change(code, p -> {
      BigDecimal total = p.paidAmount().add(amount == null
          ? p.quoteAmount().subtract(p.paidAmount()) : amount);
      PaymentStatus status = total.compareTo(p.quoteAmount()) >= 0 ? PaymentStatus.SUCCESS
          : PaymentStatus.PAID_LESS;
      return with(p, status, total, null, clock.instant());
    });
  }

  /** The payer's transaction is seen and awaits confirmation. */
  public CreatedPayment pending(String code) {
    return change(code, p -> with(p, PaymentStatus.PENDING, p.paidAmount(), null, p.paidAt()));
  }

  /** The payment fails for this reason. */
  public CreatedPayment fail(String code, Failure failure) {
    java.util.Objects.requireNonNull(failure, "failure");
    return change(code, p -> with(p, PaymentStatus.FAILED, p.paidAmount(), failure,
        p.paidAt()));
  }

  /** The deadline passes now. */
  public CreatedPayment expire(String code) {
    return change(code, PaymentStore::expired);
  }

  /** How many payments the store holds. */
  public synchronized int size() {
    return byCode.size();
  }

  /** Every payment, oldest first. */
  public List<CreatedPayment> payments() {
    return payments(0, Integer.MAX_VALUE);
  }

  /** At most {@code limit} payments from the {@code offset}-th, oldest first. */
  public List<CreatedPayment> payments(int offset, int limit) {
    List<Event> events = new ArrayList<>();
    List<CreatedPayment> out = new ArrayList<>(Math.min(limit, 1024));
    synchronized (this) {
      int i = 0;
      for (Entry e : byCode.values()) {
        if (out.size() >= limit) {
          break;
        }
        if (i++ >= offset) {
          expireIfDue(e, events);
          out.add(e.payment);
        }
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
    finished.clear();
    deadlines.clear();
  }

  private Optional<CreatedPayment> read(Supplier<Entry> find) {
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

  private CreatedPayment change(String code, UnaryOperator<CreatedPayment> next) {
    CreatedPayment changed;
    List<Event> events = new ArrayList<>(2);
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
        case SUCCESS -> {
          events.add(new Event(changed, "success"));
          events.add(new Event(changed, "settle")); // the mock settles at once
        }
        case FAILED -> events.add(new Event(changed, "fail"));
        default -> events.add(new Event(changed, changed.status().wireName()));
      }
      if (changed.isFinal()) {
        finished.put(code, e);
      }
    }
    publish(events);
    return changed;
  }

  /** MixPay fails an unfinished payment at its deadline: 40000, or 40024 if underpaid. */
  private void expireIfDue(Entry e, List<Event> events) {
    if (!e.payment.isFinal() && e.deadlineMs != null && clock.millis() >= e.deadlineMs) {
      e.payment = expired(e.payment);
      finished.put(e.payment.code(), e);
      events.add(new Event(e.payment, "fail"));
    }
  }

  private static CreatedPayment expired(CreatedPayment p) {
    boolean underpaid = p.status() == PaymentStatus.PAID_LESS;
    return with(p, PaymentStatus.FAILED, p.paidAmount(),
        underpaid ? Failure.UNDERPAID : Failure.OVERTIME, p.paidAt());
  }

  private static CreatedPayment with(CreatedPayment p, PaymentStatus status,
      BigDecimal paidAmount, Failure failure, Instant paidAt) {
    return new CreatedPayment(p.code(), p.payeeId(), p.orderId(), p.traceId(), p.parameters(),
        p.quoteAmount(), p.createdAt(), status, paidAmount, failure, paidAt);
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
      return plain(value.decimalValue()).toPlainString();
    }
    return value.isValueNode() ? value.asText() : value.toString();
  }

  /** Zero as 0, anything else without trailing zeros: 10.00 and 10 are the same amount. */
  static BigDecimal plain(BigDecimal d) {
    return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
  }
}
