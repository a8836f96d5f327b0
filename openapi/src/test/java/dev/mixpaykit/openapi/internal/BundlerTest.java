package dev.mixpaykit.openapi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundlerTest {

  @TempDir
  Path dir;

  private static final String OTHER = """
      components:
        schemas:
          Envelope:
            type: object
            properties:
              code: {$ref: '#/components/schemas/Code'}
              amount: {type: number, example: 0.00000001}
            x-catalogue: {$ref: '#/components/schemas/Code'}
          Code: {type: integer}
          Request:
            type: object
            properties:
              payeeId: {type: string, pattern: '^x$'}
      """;

  @Test
  void borrowedComponentsKeepTheirNamesAndBorrowedPropertiesAreCopiedInPlace() throws Exception {
    Files.writeString(dir.resolve("other.yaml"), OTHER);
    Files.writeString(dir.resolve("main.yaml"), """
        openapi: 3.0.3
        components:
          schemas:
            Request:
              type: object
              properties:
                payeeId: {$ref: 'other.yaml#/components/schemas/Request/properties/payeeId'}
                answer: {$ref: 'other.yaml#/components/schemas/Envelope'}
            Code:
              $ref: 'other.yaml#/components/schemas/Code'
        """);

    JsonNode bundle = Bundler.bundle(dir.resolve("main.yaml"));
    JsonNode schemas = bundle.at("/components/schemas");

    assertThat(schemas.at("/Request/properties/payeeId").toString())
        .isEqualTo("{\"type\":\"string\",\"pattern\":\"^x$\"}");
    assertThat(schemas.at("/Request/properties/answer/$ref").asText())
        .isEqualTo("#/components/schemas/Envelope");
    assertThat(schemas.at("/Envelope/properties/code/$ref").asText())
        .isEqualTo("#/components/schemas/Code");
    assertThat(schemas.at("/Envelope/x-catalogue/$ref").asText())
        .isEqualTo("#/components/schemas/Code");
    assertThat(schemas.at("/Code").toString()).isEqualTo("{\"type\":\"integer\"}");
    assertThat(Bundler.toYaml(bundle)).doesNotContain("other.yaml")
        .contains("example: 0.00000001");
  }

  @Test
  void twoDifferentComponentsWithOneNameFailTheBuild() throws Exception {
    Files.writeString(dir.resolve("other.yaml"), OTHER);
    Files.writeString(dir.resolve("main.yaml"), """
        openapi: 3.0.3
        components:
          schemas:
            Code: {type: string}
            Answer: {$ref: 'other.yaml#/components/schemas/Envelope'}
        """);

    assertThatThrownBy(() -> Bundler.bundle(dir.resolve("main.yaml")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("two different components named schemas/Code: main.yaml and other.yaml");
  }

  @Test
  void aReferenceToNothingFailsTheBuild() throws Exception {
    Files.writeString(dir.resolve("other.yaml"), OTHER);
    Files.writeString(dir.resolve("main.yaml"), """
        openapi: 3.0.3
        paths:
          /x: {$ref: 'other.yaml#/paths/~1x'}
        """);

    assertThatThrownBy(() -> Bundler.bundle(dir.resolve("main.yaml")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("$ref to nothing: other.yaml#/paths/~1x");
  }
}
