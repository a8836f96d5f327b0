package dev.mixpaykit.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixpaykit.openapi.MixPayOpenApi.Contract;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the HTML references in headless Chromium, offline (every host name resolves to nothing),
 * and checks what a reader gets: the operations, the error catalogue and the examples, rendered
 * by the page's own script. Each page is also saved as a screenshot under
 * {@code target/reference/screenshots} for people to look at.
 *
 * <p>Needs Chromium ({@code apt-get install chromium}; {@code .ci/run} installs it). Set
 * {@code CHROMIUM} to use another binary.
 */
class ReferenceScreenshotTest {

  private static final Path SHOTS = Path.of("target", "reference", "screenshots");

  @TempDir
  Path profile;

  @Test
  void currentReferenceShowsTheOperationsAndTheirExamples() throws Exception {
    String create = text(Contract.CURRENT, "#/one-time-payment/createonetimepayment");
    String result = text(Contract.CURRENT, "#/payment-result/getpaymentresult");

    assertThat(create).contains("Create a one-time payment code", "POST /v1/one_time_payment",
        "x-mixpay-required-one-of", "Callbacks")
        // The request example (MinimalRequest) and the response example (Created).
        .contains("Payload application/x-www-form-urlencoded Required fields and an orderId "
            + "payeeId=a0d7791408776b47eb1dd3f94ed15d6a&quoteAmount=10&quoteAssetId=usd"
            + "&settlementAssetId=c6d0c728-2624-429b-8e0d-d9d19b6592fa"
            + "&orderId=order-20230105-0042")
        .contains("Response 200 400 409 429 500 503 application/json { \"code\" : 0 ,"
            + " \"success\" : true , \"message\" : \"\" , \"data\" : { \"code\" :"
            + " \"525502dd-e552-4505-b114-32fe32ff23c2\" } , \"timestampMs\" : 1645411665245 }");
    assertThat(result).contains("Get a payment's result", "GET /v1/payments_result",
        "\"status\" : \"success\"", "\"failureCode\" : \"0\"");
  }

  @Test
  void bothReferencesShowTheErrorCatalogue() throws Exception {
    for (Contract contract : Contract.values()) {
      String catalogue = text(contract, "#/error-catalogue");

      assertThat(catalogue).as(contract.label()).contains("Error catalogue",
          "Code HTTP status MixPay's message When",
          "1017 400 Parameter error. A parameter is missing or breaks its rule",
          "10063 400 The expiration time is below the minimum. expiredTimestamp is 10 seconds"
              + " or less from now.",
          "-1 500 Server error, please try again later.");
    }
  }

  @Test
  void reference2022ShowsIsTempAndThePagesExample() throws Exception {
    String create = text(Contract.V2022, "#/one-time-payment/createonetimepayment");

    assertThat(create).contains("Create a one-time payment code",
        "isTemp boolean required If true , the code can be used only once.",
        // The page's own example, as the request sample.
        "Payload application/x-www-form-urlencoded payeeId=a38ed284-5689-4fb9-8c2a-91fba5e32ce9"
            + "&settlementAssetId=c6d0c728-2624-429b-8e0d-d9d19b6592fa&quoteAssetId=usd"
            + "&quoteAmount=10&isTemp=true",
        "Response 200 400 429 500 503 application/json",
        "\"525502dd-e552-4505-b114-32fe32ff23c2\"")
        .doesNotContain("orderId", "traceId");
  }

  @Test
  void openedFromDiskEveryLinkStaysInThePage() throws Exception {
    // Without a server, path links (/one-time-payment) lead nowhere; the template routes in the
    // hash instead.
    String dom = dom(Contract.CURRENT, "");

    assertThat(dom).contains("href=\"#/one-time-payment\"", "href=\"#/error-catalogue\"")
        .doesNotContain("href=\"/one-time-payment\"");
  }

  @Test
  void screenshotsShowRenderedPages() throws Exception {
    for (Contract contract : Contract.values()) {
      for (String page : List.of("one-time-payment/createonetimepayment", "error-catalogue")) {
        Path png = SHOTS.resolve(contract.label() + "-" + page.replace('/', '-') + ".png");
        chromium(List.of("--window-size=1400,2000",
            "--screenshot=" + png.toAbsolutePath()), contract, "#/" + page);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1400);
        // A blank or error page has a handful of colours; rendered text and code have hundreds.
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
          for (int x = 0; x < image.getWidth(); x += 3) {
            colours.add(image.getRGB(x, y));
          }
        }
        assertThat(colours).as(png.toString()).hasSizeGreaterThan(50);
      }
    }
  }

  /** The page's visible text after its script ran: tags dropped, entities and spaces folded. */
  private String text(Contract contract, String route) throws Exception {
    String dom = dom(contract, route);
    String text = dom.replaceAll("(?s)<script.*?</script>", " ")
        .replaceAll("(?s)<style.*?</style>", " ")
        .replaceAll("(?s)<[^>]+>", " ")
        .replace("&quot;", "\"").replace("&#x27;", "'").replace("&#39;", "'")
        .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    return text.replaceAll("\\s+", " ");
  }

  private String dom(Contract contract, String route) throws Exception {
    Path out = profile.resolve("dom-" + System.nanoTime() + ".html");
    chromium(List.of("--dump-dom"), contract, route, out);
    return Files.readString(out);
  }

  private void chromium(List<String> mode, Contract contract, String route) throws Exception {
    chromium(mode, contract, route, profile.resolve("stdout.txt"));
  }

  private void chromium(List<String> mode, Contract contract, String route, Path stdout)
      throws Exception {
    Files.createDirectories(SHOTS);
    Path userData = Files.createTempDirectory(profile, "chromium");
    List<String> command = Stream.of(
        List.of(binary(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--user-data-dir=" + userData,
            // Offline: no host name resolves, so any fetch the page tried would fail.
            "--host-resolver-rules=MAP * ~NOTFOUND",
            // Run the page's script to idle without waiting in real time.
            "--virtual-time-budget=15000"),
        mode,
        List.of(HtmlReferenceTest.reference(contract).toAbsolutePath().toUri() + route))
        .flatMap(List::stream).toList();
    Process process = new ProcessBuilder(command)
        .redirectOutput(stdout.toFile())
        .redirectError(profile.resolve("stderr.txt").toFile())
        .start();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("Chromium did not finish within 90 s: " + command);
    }
    assertThat(process.exitValue()).as("Chromium exit status; stderr: %s",
        Files.readString(profile.resolve("stderr.txt"))).isZero();
  }

  private static String binary() {
    String configured = System.getenv("CHROMIUM");
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser")) {
        if (Files.isExecutable(Path.of(dir, name))) {
          return Path.of(dir, name).toString();
        }
      }
    }
    throw new AssertionError("Chromium is needed to check the HTML reference: "
        + "apt-get install chromium (or set CHROMIUM to its binary)");
  }
}
