package dev.mixpaykit.mock.proxy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The findings so far, grouped. Bounded: past {@link #MAX_GROUPS} distinct findings, new kinds
 * are counted as dropped rather than kept (the first thousand kinds of drift are plenty to act
 * on, and a flood of one-off values must not grow the heap).
 */
final class Findings {

  static final int MAX_GROUPS = 1000;

  private record Key(String operation, Finding.Side side, String pointer, String rule,
      String expected, String seen) {}

  private static final class Group {
    long count;
    Instant first;
    Instant last;
    String example;
  }

  private final Clock clock;
  private final boolean keepValues;
  private final Map<Key, Group> groups = new LinkedHashMap<>();
  private final Set<String> checked = new TreeSet<>();
  private long exchanges;
  private long unchecked;
  private long errorsUnderHttp200;
  private long dropped;

  Findings(Clock clock, boolean keepValues) {
    this.clock = clock;
    this.keepValues = keepValues;
  }

  /**
   * One more disagreement, seen in an exchange at {@code at}; {@code value} is kept only when
   * reports may carry values.
   */
  synchronized void add(String operation, Finding.Side side, String pointer, String rule,
      String expected, String seen, String value, Instant at) {
    Key key = new Key(operation, side, pointer, rule, expected, seen);
    Group g = groups.get(key);
    if (g == null) {
      if (groups.size() >= MAX_GROUPS) {
        dropped++;
        return;
      }
      g = new Group();
      g.first = at;
      g.example = keepValues ? value : null;
      groups.put(key, g);
    }
    g.count++;
    g.first = at.isBefore(g.first) ? at : g.first;
    g.last = g.last == null || at.isAfter(g.last) ? at : g.last;
  }

  /** An exchange with an operation of the spec was checked (on this side). */
  synchronized void checked(String operation, Finding.Side side) {
    exchanges += side == Finding.Side.ANSWER ? 1 : 0;
    checked.add(operation + " " + side.label());
  }

  /** An exchange with a route the spec does not describe: forwarded, not checked. */
  synchronized void unchecked() {
    unchecked++;
  }

  synchronized void errorUnderHttp200() {
    errorsUnderHttp200++;
  }

  synchronized void clear() {
    groups.clear();
    checked.clear();
    exchanges = 0;
    unchecked = 0;
    errorsUnderHttp200 = 0;
    dropped = 0;
  }

  synchronized DriftReport snapshot(String upstream, String spec, Instant since) {
    List<Finding> out = new ArrayList<>(groups.size());
    groups.forEach((k, g) -> out.add(new Finding(k.operation(), k.side(), k.pointer(), k.rule(),
        k.expected(), k.seen(), g.count, g.first, g.last, g.example)));
    out.sort(Comparator.comparing(Finding::operation).thenComparing(Finding::side)
        .thenComparing(Finding::pointer).thenComparing(Finding::rule)
        .thenComparing(Finding::seen));
    return new DriftReport(upstream, spec, since, clock.instant(), exchanges, unchecked,
        errorsUnderHttp200, dropped, keepValues, List.copyOf(checked), out);
  }
}
