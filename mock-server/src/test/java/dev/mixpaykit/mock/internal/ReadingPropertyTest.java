package dev.mixpaykit.mock.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The reading rules on random and adversarial input: a body, query or amount is either read
 * (and then within its bounds) or refused with a reason; nothing else can happen. Tries per
 * property: {@code -Dfuzz.tries=N} (300 in the build).
 */
class ReadingPropertyTest {

  private static final SpecModel.BodySchema SCHEMA = SpecModel.body(RequestBody.JSON,
      new ObjectSchema()
          .addProperty("flag", new BooleanSchema())
          .addProperty("count", new IntegerSchema())
          .addProperty("at", new IntegerSchema().format("int64"))
          .addProperty("amount", new NumberSchema())
          .addProperty("name", new StringSchema()), "fuzz");

  @Property
  void anyBytesAsAFormOrJsonBodyAreReadOrRefused(@ForAll("bodies") byte[] body) {
    for (String type : List.of(RequestBody.FORM, RequestBody.JSON)) {
      try {
        RequestBody.Read read = RequestBody.read(type, body, SCHEMA);
        assertWithinBounds(read);
      } catch (RequestBody.Unreadable e) {
        assertThat(e.getMessage()).isNotBlank().doesNotContain("Exception");
      }
    }
  }

  @Property
  void anyQueryStringIsReadOrRefused(@ForAll("urlText") String query) {
    try {
      RequestBody.query(query, List.of(new SpecModel.QueryParameter("name",
          new StringSchema())));
    } catch (RequestBody.Unreadable e) {
      assertThat(e.getMessage()).startsWith("the query string ");
    }
  }

  @Property
  void anAcceptedAmountHasAtMostEighteenPlusEightDigits(@ForAll("amounts") String amount) {
    String problem = Rules.decimalProblem(amount, SpecModel.DecimalBounds.DEFAULT);
    if (problem == null) {
      BigDecimal d = new BigDecimal(amount).stripTrailingZeros();
      assertThat(d.scale()).isLessThanOrEqualTo(8);
      assertThat(d.precision() - d.scale()).isLessThanOrEqualTo(18);
      assertThat(amount).doesNotContainIgnoringCase("e");
    } else {
      assertThat(problem).startsWith("must ");
    }
  }

  @Property
  void formAndJsonStringsReadAnAmountTheSameWay(@ForAll("amounts") String amount)
      throws Exception {
    RequestBody.Read form = RequestBody.read(RequestBody.FORM,
        ("amount=" + java.net.URLEncoder.encode(amount, StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8), SCHEMA);
    RequestBody.Read json = RequestBody.read(RequestBody.JSON,
        RequestBody.MAPPER.writeValueAsBytes(java.util.Map.of("amount", amount)), SCHEMA);
    assertThat(json.violations()).isEqualTo(form.violations());
    assertThat(json.fields()).isEqualTo(form.fields());
  }

  private static void assertWithinBounds(RequestBody.Read read) {
    if (read.fields().has("amount")) {
      BigDecimal d = read.fields().get("amount").decimalValue().stripTrailingZeros();
      assertThat(d.scale()).isLessThanOrEqualTo(8);
      assertThat(d.precision() - d.scale()).isLessThanOrEqualTo(18);
    }
    if (read.fields().has("count")) {
      assertThat(read.fields().get("count").bigIntegerValue().bitLength()).isLessThan(32);
    }
  }

  @Provide
  Arbitrary<byte[]> bodies() {
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    Arbitrary<String> jsonish = Arbitraries.strings()
        .withChars("{}[]\":,0123456789.eE+-truefalsnamoucgt \\%&=")
        .ofMaxLength(120);
    Arbitrary<String> fields = Arbitraries.of("amount", "count", "at", "flag", "name", "x")
        .flatMap(name -> amounts().map(v -> "\"" + name + "\":" + v));
    Arbitrary<String> objects = fields.list().ofMaxSize(6)
        .map(list -> "{" + String.join(",", list) + "}");
    Arbitrary<String> forms = Arbitraries.of("amount", "count", "at", "flag", "name", "%", "%zz")
        .flatMap(name -> urlText().map(v -> name + "=" + v)).list().ofMaxSize(6)
        .map(list -> String.join("&", list));
    return Arbitraries.oneOf(random,
        Arbitraries.oneOf(jsonish, objects, forms).map(s -> s.getBytes(StandardCharsets.UTF_8)));
  }

  @Provide
  Arbitrary<String> urlText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("abc%0123456789ABCDEFZz+&=").ofMaxLength(40),
        Arbitraries.strings().all().ofMaxLength(20),
        Arbitraries.of("%", "%2", "%zz", "%C3%28", "%E2%82", "%ED%A0%80", "%F4%90%80%80",
            "a%20b", "%%", "&&==&"));
  }

  @Provide
  Arbitrary<String> amounts() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("0123456789.eE+-").ofMinLength(1).ofMaxLength(40),
        Arbitraries.bigDecimals().ofScale(12).map(BigDecimal::toPlainString),
        Arbitraries.bigDecimals().map(BigDecimal::toString),
        Arbitraries.integers().between(0, 60).map(n -> "9".repeat(n + 1)),
        Arbitraries.integers().between(0, 60).map(n -> "0." + "0".repeat(n) + "1"),
        Arbitraries.of("1e100000000", "1e400", "1E+3", "-0", "0", "00", "1.", ".5", "-",
            "1_000", "\u0661", "NaN", "Infinity", "0x10", " 1", "1 "));
  }
}
