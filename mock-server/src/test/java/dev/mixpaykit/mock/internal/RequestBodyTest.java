package dev.mixpaykit.mock.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One reading rule for form and JSON bodies: the same input gives the same fields or rule. */
class RequestBodyTest {

  private static final SpecModel.BodySchema SCHEMA = SpecModel.body(RequestBody.JSON,
      new ObjectSchema()
          .addProperty("flag", new BooleanSchema())
          .addProperty("count", new IntegerSchema()) // int32
          .addProperty("at", new IntegerSchema().format("int64"))
          .addProperty("amount", new NumberSchema())
          .addProperty("name", new StringSchema()), "test");

  private static RequestBody.Read form(String body) throws Exception {
    return RequestBody.read(RequestBody.FORM, body.getBytes(StandardCharsets.UTF_8), SCHEMA);
  }

  private static RequestBody.Read json(String body) throws Exception {
    return RequestBody.read(RequestBody.JSON, body.getBytes(StandardCharsets.UTF_8), SCHEMA);
  }

  @Test
  void booleansAcceptTrueFalseOneAndZero() throws Exception {
    assertThat(form("flag=1").fields().get("flag").booleanValue()).isTrue();
    assertThat(form("flag=true").fields().get("flag").booleanValue()).isTrue();
    assertThat(form("flag=0").fields().get("flag").booleanValue()).isFalse();
    assertThat(json("{\"flag\":false}").fields().get("flag").booleanValue()).isFalse();
    assertThat(form("flag=yes").violations()).containsExactly(
        new Violation("flag", "must be true or false (1 or 0 in a form)", 1017));
  }

  @Test
  void decimalsAreExactInEitherEncodingAndAsAJsonString() throws Exception {
    BigDecimal eighth = new BigDecimal("0.00000001");
    assertThat(form("amount=0.00000001").fields().get("amount").decimalValue()).isEqualTo(eighth);
    assertThat(json("{\"amount\":0.00000001}").fields().get("amount").decimalValue())
        .isEqualTo(eighth);
    assertThat(json("{\"amount\":\"0.00000001\"}").fields().get("amount").decimalValue())
        .isEqualTo(eighth);
  }

  @ParameterizedTest(name = "amount {0} is refused: {1}")
  @CsvSource(delimiter = '|', value = {
      "1E3            | must be a decimal number in plain notation, like 10 or 0.5",
      "1E+3           | must be a decimal number in plain notation, like 10 or 0.5",
      "1e400          | must be a decimal number in plain notation, like 10 or 0.5",
      "1e100000000    | must be a decimal number in plain notation, like 10 or 0.5",
      "1.             | must be a decimal number in plain notation, like 10 or 0.5",
      "0x10           | must be a decimal number in plain notation, like 10 or 0.5",
      "1234567890123456789 | must have at most 18 digits before the decimal point",
      "0.000000001    | must have at most 8 digits after the decimal point",
  })
  void oneAmountRuleForFormJsonNumbersAndJsonStrings(String amount, String rule)
      throws Exception {
    List<Violation> expected = List.of(new Violation("amount", rule, 1017));
    assertThat(form("amount=" + amount).violations()).isEqualTo(expected);
    assertThat(json("{\"amount\":\"" + amount + "\"}").violations()).isEqualTo(expected);
    if (!amount.startsWith("0x") && !amount.endsWith(".")) {
      assertThat(json("{\"amount\":" + amount + "}").violations()).isEqualTo(expected);
    }
  }

  @Test
  void trailingZerosAndLeadingZerosDoNotCountAsDigits() throws Exception {
    assertThat(form("amount=10.000000000000").violations()).isEmpty();
    assertThat(form("amount=000000000000000000001").violations()).isEmpty();
  }

  @ParameterizedTest(name = "{0}={1} is refused: {2}")
  @CsvSource(delimiter = '|', value = {
      "count | 2147483648           | must be at most 2147483647",
      "count | -2147483649          | must be at least -2147483648",
      "at    | 9223372036854775808  | must be at most 9223372036854775807",
      "at    | 99999999999999999999999999999 | must be at most 9223372036854775807",
      "count | 4.2                  | must be a whole number, like 3600",
  })
  void integersBeyondTheirRangeAreTheSameRuleInFormAndJson(String field, String value,
      String rule) throws Exception {
    List<Violation> expected = List.of(new Violation(field, rule, 1017));
    assertThat(form(field + "=" + value).violations()).isEqualTo(expected);
    assertThat(json("{\"" + field + "\":" + value + "}").violations()).isEqualTo(expected);
  }

  @Test
  void aFieldGivenTwiceIsRefusedInEitherEncoding() throws Exception {
    List<Violation> expected = List.of(new Violation("name", "is given more than once", 1017));
    RequestBody.Read f = form("name=a&name=b");
    RequestBody.Read j = json("{\"name\":\"a\",\"name\":\"b\"}");
    assertThat(f.violations()).isEqualTo(expected);
    assertThat(j.violations()).isEqualTo(expected);
    assertThat(f.fields().has("name")).isFalse();
    assertThat(j.fields().has("name")).isFalse();
  }

  @Test
  void anEmptyValueIsTheSameAsLeavingTheFieldOut() throws Exception {
    for (RequestBody.Read read : List.of(form("name=&amount=&flag="),
        json("{\"name\":\"\",\"amount\":\"\",\"flag\":null}"))) {
      assertThat(read.fields().size()).isZero();
      assertThat(read.violations()).isEmpty();
    }
  }

  @Test
  void valuesArePercentDecodedAndUnknownFieldsGo() throws Exception {
    ObjectNode node = form("name=a%20b+c%C3%A9&other=x").fields();

    assertThat(node.get("name").asText()).isEqualTo("a b c\u00e9");
    assertThat(node.has("other")).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "name=%zz      | the form body is not correctly URL-encoded: \"%zz\" is not a percent escape (write % as %25)",
      "name=ab%2     | the form body is not correctly URL-encoded: \"%2\" is not a percent escape (write % as %25)",
      "%=1           | the form body is not correctly URL-encoded: \"%\" is not a percent escape (write % as %25)",
      "name=%C3%28   | the form body is not valid UTF-8 text",
  })
  void aMalformedFormIsUnreadable(String body, String message) {
    assertThatThrownBy(() -> form(body)).isInstanceOf(RequestBody.Unreadable.class)
        .hasMessage(message);
  }

  @Test
  void brokenUtf8BytesAreUnreadable() {
    byte[] body = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    assertThatThrownBy(() -> RequestBody.read(RequestBody.JSON, body, SCHEMA))
        .isInstanceOf(RequestBody.Unreadable.class).hasMessage("the body is not valid UTF-8 text");
  }

  @Test
  void jsonMustBeOneObject() {
    assertThatThrownBy(() -> json("[1]"))
        .isInstanceOf(RequestBody.Unreadable.class).hasMessage("the body must be a JSON object");
    assertThatThrownBy(() -> json("{\"name\":\"a\"} x"))
        .isInstanceOf(RequestBody.Unreadable.class).hasMessageStartingWith("the body is not valid JSON");
  }
}
