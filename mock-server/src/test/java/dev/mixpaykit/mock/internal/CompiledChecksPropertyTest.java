package dev.mixpaykit.mock.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mixpaykit.openapi.MixPayOpenApi;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The compiled checks against the reference (swagger-request-validator), on generated and
 * adversarial bodies of both contracts and both media types and on query values: the same
 * violations, as {@link RequestRules#check} keeps them (the first per field, in the spec's
 * field order). Tries per property: {@code -Dfuzz.tries=N}.
 */
class CompiledChecksPropertyTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
  private static final List<Target> BODIES = new ArrayList<>();
  private static final List<Parameter> PARAMETERS = new ArrayList<>();

  private record Target(String name, RequestRules rules, SpecModel.BodySchema body) {
    @Override
    public String toString() {
      return name;
    }
  }

  private record Parameter(String name, RequestRules rules, SpecModel.QueryParameter query) {
    @Override
    public String toString() {
      return name;
    }
  }

  static {
    for (MixPayOpenApi.Contract c : MixPayOpenApi.Contract.values()) {
      SpecModel spec = SpecModel.load(MixPayOpenApi.yaml(c).toString());
      RequestRules rules = new RequestRules(spec, Clock.systemUTC(), 0, false);
      for (SpecModel.Route route : spec.routes()) {
        route.bodies().forEach((type, body) -> BODIES.add(new Target(c + " " + route.template()
            + " " + type, rules, body)));
        route.query().forEach(q -> PARAMETERS.add(new Parameter(c + " " + route.template()
            + " ?" + q.name(), rules, q)));
      }
    }
  }

  @Property
  void bodiesGetTheReferenceViolations(@ForAll("bodies") Tuple.Tuple2<Target, ObjectNode> c) {
    Target target = c.get1();
    ObjectNode request = c.get2();
    List<Violation> compiled = target.rules().compiledViolations(request, target.body());
    List<Violation> reference = target.rules().referenceViolations(request, target.body());
    boolean judged = request.properties().stream().allMatch(e -> target.body()
        .field(e.getKey()) != null && CompiledChecks.Value.judged(e.getValue()));
    if (!judged) {
      assertThat(compiled).as("left to the reference").isNull();
      return;
    }
    assertThat(compiled).isNotNull();
    List<Violation> kept = kept(reference, target.body());
    Statistics.label("violations").collect(kept.size() > 2 ? "3+" : kept.size());
    kept.forEach(v -> Statistics.label("rules").collect(v.rule().replaceAll("[0-9]+", "N")));
    assertThat(kept(compiled, target.body())).isEqualTo(kept);
  }

  @Property
  void queryValuesGetTheReferenceViolation(@ForAll("queries") Tuple.Tuple2<Parameter, String> c) {
    Parameter p = c.get1();
    Violation compiled = p.rules().compiledViolation(p.query(), c.get2());
    assertThat(compiled).isNotSameAs(RequestRules.NOT_COMPILED);
    Violation reference = p.rules().referenceViolation(p.query(), c.get2());
    Statistics.collect(reference == null ? "valid" : reference.rule());
    assertThat(compiled).isEqualTo(reference);
  }

  /** Every request schema of both specs is compiled; none is left to the reference. */
  @net.jqwik.api.Example
  void everySpecSchemaIsCompiled() {
    assertThat(BODIES).hasSize(4);
    BODIES.forEach(t -> assertThat(t.rules().compiled(t.body())).as(t.name()).isTrue());
    assertThat(PARAMETERS).isNotEmpty();
    PARAMETERS.forEach(p -> assertThat(p.rules().compiledViolation(p.query(), "x"))
        .as(p.name()).isNotSameAs(RequestRules.NOT_COMPILED));
  }

  /** As {@link RequestRules#check} keeps schema violations: first per field, spec order. */
  private static List<Violation> kept(List<Violation> violations, SpecModel.BodySchema body) {
    Map<String, Violation> first = new LinkedHashMap<>();
    violations.forEach(v -> first.putIfAbsent(v.field(), v));
    List<String> order = List.copyOf(body.fields().keySet());
    List<Violation> out = new ArrayList<>(first.values());
    out.sort(Comparator.comparingInt(v -> order.indexOf(v.field())));
    return out;
  }

  @Provide
  Arbitrary<Tuple.Tuple2<Target, ObjectNode>> bodies() {
    return Arbitraries.of(BODIES).flatMap(target -> {
      List<Arbitrary<Optional<Map.Entry<String, JsonNode>>>> fields = new ArrayList<>();
      for (SpecModel.Field f : target.body().fields().values()) {
        fields.add(Arbitraries.frequencyOf(
            Tuple.of(2, Arbitraries.just(Optional.<JsonNode>empty())),
            Tuple.of(24, Arbitraries.just(Optional.<JsonNode>of(example(f.schema())))),
            Tuple.of(3, value(f.schema()).map(Optional::of)))
            .map(v -> v.map(node -> entry(f.name(), node))));
      }
      // Now and then a field the schema does not declare, or a value only the reference
      // judges (null, an array, an object, a double): the compiled checks must step aside.
      fields.add(Arbitraries.frequencyOf(
          Tuple.of(20, Arbitraries.just(Optional.<Map.Entry<String, JsonNode>>empty())),
          Tuple.of(1, Arbitraries.of(entry("undeclared", NODES.textNode(
              "x")), entry(first(target), NODES.nullNode()), entry(first(target),
              NODES.arrayNode().add(1)), entry(first(target), NODES.objectNode()),
              entry(first(target), NODES.numberNode(1.5d))).map(Optional::of))));
      return Combinators.combine(fields).as(entries -> {
        ObjectNode request = NODES.objectNode();
        entries.forEach(e -> e.ifPresent(kv -> request.set(kv.getKey(), kv.getValue())));
        return Tuple.of(target, request);
      });
    });
  }

  @Provide
  Arbitrary<Tuple.Tuple2<Parameter, String>> queries() {
    return Arbitraries.of(PARAMETERS).flatMap(p -> Arbitraries.oneOf(
        text(p.query().schema()), Arbitraries.just(exampleText(p.query().schema())))
        .map(v -> Tuple.of(p, v)));
  }

  private static Map.Entry<String, JsonNode> entry(String name, JsonNode value) {
    return Map.entry(name, value);
  }

  private static String first(Target target) {
    return target.body().fields().keySet().iterator().next();
  }

  /** Any kind of value, weighted towards the field's own type and its boundaries. */
  private static Arbitrary<JsonNode> value(Schema<?> schema) {
    Arbitrary<JsonNode> text = text(schema).map(NODES::textNode);
    Arbitrary<JsonNode> numbers = numbers(schema);
    Arbitrary<JsonNode> booleans = Arbitraries.of(NODES.booleanNode(true),
        NODES.booleanNode(false));
    String type = String.valueOf(schema.getType());
    return Arbitraries.frequencyOf(
        Tuple.of(type.equals("string") ? 8 : 2, text),
        Tuple.of(type.equals("number") || type.equals("integer") ? 8 : 2, numbers),
        Tuple.of(type.equals("boolean") ? 6 : 1, booleans));
  }

  /** Text around the field's example, at its length bounds, and hostile characters. */
  private static Arbitrary<String> text(Schema<?> schema) {
    String example = exampleText(schema);
    Arbitrary<String> hostile = Arbitraries.strings().withChars(
            "aZ09fF-_|,:/.% \n\r\t\u000b\u00a0\u1680\u2000\u2028\u2029\u202f\u3000\ufeff\uffff")
        .withCharRange('\ud800', '\udfff').ofMaxLength(40);
    Arbitrary<String> astral = Arbitraries.strings().withChars("a0-").ofMaxLength(4)
        .map(s -> s + "\ud83d\ude00" + s);
    Arbitrary<String> mutated = Arbitraries.of("", "\n", " ", "\u00a0", "\ud83d\ude00",
        "\ud83d", "x", "-", "|settle", ",pending", "A", "%20").flatMap(extra ->
        Arbitraries.of(example + extra, extra + example, example.toUpperCase(),
            example.replace("-", ""), example.substring(0, example.length() / 2),
            example + example, example.substring(0, example.length() / 2) + extra
                + example.substring(example.length() / 2)));
    List<Arbitrary<String>> lengths = new ArrayList<>();
    for (Integer bound : new Integer[] {schema.getMinLength(), schema.getMaxLength()}) {
      if (bound != null) {
        for (int n : new int[] {bound - 1, bound, bound + 1}) {
          if (n >= 0) {
            lengths.add(Arbitraries.of("a", "_", "\ud83d\ude00", "\u00e9")
                .map(c -> c.repeat(n)));
          }
        }
      }
    }
    Arbitrary<String> bounded = lengths.isEmpty() ? Arbitraries.just(example)
        : Arbitraries.oneOf(lengths);
    Arbitrary<String> uuids = Arbitraries.strings().withChars("0123456789abcdefABCDEFg-")
        .ofLength(36).map(s -> s.substring(0, 8) + "-" + s.substring(9, 13) + "-"
            + s.substring(14, 18) + "-" + s.substring(19, 23) + "-" + s.substring(24));
    Arbitrary<String> odd = Arbitraries.of("", "1-1-1-1-1", "+1-1-1-1-1", "-1-1-1-1-1",
        "\uff11-1-1-1-1", "00000000-0000-0000-0000-000000000000", "http://", "https://a b",
        "https://\u00e9", "::", "a:b", "%zz", "https://x/%", "[::1]", "https://[::1]/",
        "settle|pending,paid_less", "settle||pending", "usd", "USD", "us", "usdt");
    Arbitrary<String> repeated = Arbitraries.integers().between(1, 2000).flatMap(n ->
        Arbitraries.of("|pending", ",settle", "|x", "-a", "a").map(r -> example + r.repeat(n)));
    return Arbitraries.frequencyOf(Tuple.of(3, hostile), Tuple.of(1, astral),
        Tuple.of(1, repeated),
        Tuple.of(3, mutated), Tuple.of(2, bounded), Tuple.of(1, uuids), Tuple.of(2, odd));
  }

  /** Numbers at and beyond the field's bounds and its format's range, exact and decimal. */
  private static Arbitrary<JsonNode> numbers(Schema<?> schema) {
    List<BigDecimal> pivots = new ArrayList<>(List.of(BigDecimal.ZERO, BigDecimal.ONE,
        BigDecimal.ONE.negate(), new BigDecimal(Integer.MAX_VALUE),
        new BigDecimal(Integer.MIN_VALUE), new BigDecimal(Long.MAX_VALUE),
        new BigDecimal(Long.MIN_VALUE), new BigDecimal("1E+3"), new BigDecimal("1700000000")));
    for (BigDecimal b : new BigDecimal[] {schema.getMinimum(), schema.getMaximum()}) {
      if (b != null) {
        pivots.add(b);
      }
    }
    Arbitrary<BigDecimal> near = Arbitraries.of(pivots).flatMap(p -> Arbitraries.of(
        BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ONE.negate(), new BigDecimal("0.00001"),
        new BigDecimal("-0.00001")).map(p::add));
    Arbitrary<BigDecimal> any = Arbitraries.bigDecimals().ofScale(3)
        .between(new BigDecimal("-1E12"), new BigDecimal("1E12"));
    return Arbitraries.oneOf(near, any).flatMap(n -> {
      List<JsonNode> kinds = new ArrayList<>(List.of(NODES.numberNode(n)));
      if (n.stripTrailingZeros().scale() <= 0) {
        BigInteger i = n.toBigIntegerExact();
        kinds.add(NODES.numberNode(i));
        if (i.bitLength() < 32) {
          kinds.add(NODES.numberNode(i.intValue()));
        }
        if (i.bitLength() < 64) {
          kinds.add(NODES.numberNode(i.longValue()));
        }
      }
      return Arbitraries.of(kinds);
    });
  }

  private static JsonNode example(Schema<?> schema) {
    Object example = schema.getExample();
    return example == null ? NODES.textNode("x") : RequestBody.MAPPER.valueToTree(example);
  }

  private static String exampleText(Schema<?> schema) {
    Object example = schema.getExample();
    return example == null ? "example" : String.valueOf(example);
  }
}
