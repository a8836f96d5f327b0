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
import org.junit.jupiter.api.Test;

/** Form values take the type their property declares, when written as that type. */
class RequestBodyTest {

  private static final ObjectSchema SCHEMA = (ObjectSchema) new ObjectSchema()
      .addProperty("flag", new BooleanSchema())
      .addProperty("count", new IntegerSchema())
      .addProperty("amount", new NumberSchema())
      .addProperty("name", new StringSchema());

  private static ObjectNode form(String body) throws Exception {
    return RequestBody.read(RequestBody.FORM, body, SCHEMA);
  }

  @Test
  void booleansAcceptTrueFalseOneAndZero() throws Exception {
    assertThat(form("flag=1").get("flag").booleanValue()).isTrue();
    assertThat(form("flag=true").get("flag").booleanValue()).isTrue();
    assertThat(form("flag=0").get("flag").booleanValue()).isFalse();
    assertThat(form("flag=false").get("flag").booleanValue()).isFalse();
    assertThat(form("flag=yes").get("flag").isTextual()).as("left for validation").isTrue();
  }

  @Test
  void numbersAreExactAndOnlyInPlainNotation() throws Exception {
    assertThat(form("amount=0.00000001").get("amount").decimalValue())
        .isEqualTo(new BigDecimal("0.00000001"));
    assertThat(form("amount=1E3").get("amount").isTextual()).isTrue();
    assertThat(form("count=42").get("count").isIntegralNumber()).isTrue();
    assertThat(form("count=4.2").get("count").isTextual()).isTrue();
  }

  @Test
  void valuesArePercentDecodedFirstOneWinsAndUnknownFieldsGo() throws Exception {
    ObjectNode node = form("name=a%20b+c&name=second&other=x&%zz=1");

    assertThat(node.get("name").asText()).isEqualTo("a b c");
    assertThat(node.has("other")).isFalse();
    assertThat(node.size()).isEqualTo(1);
  }

  @Test
  void jsonMustBeOneObject() {
    assertThatThrownBy(() -> RequestBody.read(RequestBody.JSON, "[1]", SCHEMA))
        .isInstanceOf(RequestBody.Unreadable.class).hasMessageContaining("JSON object");
    assertThatThrownBy(() -> RequestBody.read(RequestBody.JSON, "{\"a\":1} x", SCHEMA))
        .isInstanceOf(RequestBody.Unreadable.class).hasMessageContaining("not valid JSON");
  }
}
