package dev.mixpaykit.openapi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The changelog between the two published versions, and the gate against the baseline. */
class ContractDiffTest {

  private static final Path CURRENT = Path.of("mixpay.openapi.yaml");
  private static final Path BASELINE = Path.of("baseline", "mixpay.openapi.yaml");
  /** Bundled by the build (process-classes) before the tests run. */
  private static final Path V2022 = Path.of("target", "spec", "mixpay-2022.openapi.yaml");

  private static final String CREATE = "POST /v1/one_time_payment";

  @TempDir
  Path dir;

  @Test
  void from2022TheIdentifierRuleIsTheBreakingChange() {
    ContractDiff diff = ContractDiff.compare(V2022, CURRENT);

    // Other changes to the current description may add lines; none may remove what 2022 had.
    assertThat(diff.breakingChanges()).contains(CREATE
        + ": the request now requires one of [orderId, traceId] (x-mixpay-required-one-of,"
        + " breaking)")
        .noneSatisfy(line -> assertThat(line).contains("removed"));
  }

  @Test
  void changelogListsIsTempTheIdentifierAndTheNewFields() {
    ContractDiff diff = ContractDiff.compare(V2022, CURRENT);

    assertThat(diff.requestFieldChanges()).containsExactly(
        CREATE + ": `isTemp` is no longer required",
        CREATE + ": new field `strictMode`",
        CREATE + ": new field `traceId`",
        CREATE + ": new field `orderId`",
        CREATE + ": new field `settlementMemo`",
        CREATE + ": new field `returnTo`",
        CREATE + ": new field `failedReturnTo`",
        CREATE + ": new field `callbackUrl`",
        CREATE + ": new field `callbackEvent`",
        CREATE + ": new field `expiredTimestamp`",
        CREATE + ": `isTemp` is deprecated");
    String markdown = diff.markdown();
    assertThat(markdown)
        .startsWith("# MixPay one-time payment API: changes from 2022.2.0 to 1.0.0\n")
        .contains("## Breaking changes\n\n- " + CREATE + ": the request now requires one of"
            + " [orderId, traceId]")
        .contains("- " + CREATE + ": `isTemp` is no longer required\n")
        .contains("## New operations\n\n- GET /v1/payments_result: Get a payment's result\n")
        .contains("## Details (openapi-diff)");
    assertThat(diff.html())
        .contains("<li>" + CREATE + ": isTemp is no longer required</li>")
        .contains("<h2>Breaking changes</h2><ul><li>" + CREATE + ": the request now requires")
        .doesNotContainPattern("(href|src)=\"(https?:)?//");
  }

  @Test
  void theBuiltChangelogsAreTheOnesThisCodeWrites() throws Exception {
    ContractDiff diff = ContractDiff.compare(V2022, CURRENT);

    assertThat(Files.readString(Path.of("target", "changelog", "changelog-2022-to-current.md")))
        .isEqualTo(diff.markdown());
    assertThat(Files.readString(Path.of("target", "changelog", "changelog-2022-to-current.html")))
        .isEqualTo(diff.html());
  }

  @Test
  void theCurrentDescriptionKeepsTheReleasedBaselinesClientsWorking() {
    assertThat(ContractDiff.compare(BASELINE, CURRENT).breakingChanges()).isEmpty();
  }

  @Test
  void gateFailsWhenAFieldBecomesRequired() throws Exception {
    Path edited = edit("""
              required:
                - payeeId
                - quoteAmount
                - quoteAssetId
                - settlementAssetId
        """, """
              required:
                - payeeId
                - quoteAmount
                - quoteAssetId
                - settlementAssetId
                - callbackUrl
        """);

    assertThat(ContractDiff.compare(BASELINE, edited).breakingChanges())
        .containsExactly(CREATE + ": the request now requires [callbackUrl]");
    assertThatThrownBy(() -> ContractDiff.main(new String[] {"gate", BASELINE.toString(),
        edited.toString()}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("breaks clients of the last released contract")
        .hasMessageContaining("the request now requires [callbackUrl]")
        .hasMessageContaining("Releasing a contract change");
  }

  @Test
  void gateFailsWhenAnOperationIsRemovedOrARuleIsAdded() throws Exception {
    String text = Files.readString(CURRENT);
    int start = text.indexOf("  /v1/payments_result:\n");
    int end = text.indexOf("  /code/{code}:\n");
    Path withoutResult = dir.resolve("without-result.yaml");
    Files.writeString(withoutResult, text.substring(0, start) + text.substring(end));
    Path withNewRule = edit("""
              x-mixpay-required-one-of:
                - orderId
                - traceId
        """, """
              x-mixpay-required-one-of:
                - orderId
        """);

    assertThat(ContractDiff.compare(BASELINE, withoutResult).breakingChanges())
        .containsExactly("GET /v1/payments_result: removed");
    assertThat(ContractDiff.compare(BASELINE, withNewRule).breakingChanges())
        .containsExactly(CREATE + ": the request now requires one of [orderId]"
            + " (x-mixpay-required-one-of, breaking)");
  }

  @Test
  void gatePassesAnAdditionThatBreaksNobody() throws Exception {
    Path edited = edit("""
                settlementMemo:
                  type: string
        """, """
                newOptionalNote:
                  type: string
                  description: An optional field a later version might add.
                settlementMemo:
                  type: string
        """);

    assertThat(ContractDiff.compare(BASELINE, edited).breakingChanges()).isEmpty();
    ContractDiff.main(new String[] {"gate", BASELINE.toString(), edited.toString()});
  }

  /** A copy of the current description with one text replaced (which must be there once). */
  private Path edit(String from, String to) throws Exception {
    String text = Files.readString(CURRENT);
    assertThat(text.indexOf(from)).as("edit target").isPositive()
        .isEqualTo(text.lastIndexOf(from));
    Path copy = dir.resolve("edited.yaml");
    Files.writeString(copy, text.replace(from, to));
    return copy;
  }

  @Test
  void breakingListIsEmptyForIdenticalDescriptions() {
    assertThat(ContractDiff.compare(CURRENT, CURRENT).breakingChanges()).isEqualTo(List.of());
  }
}
