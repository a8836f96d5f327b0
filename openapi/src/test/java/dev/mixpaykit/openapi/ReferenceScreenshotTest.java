package dev.mixpaykit.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixpaykit.openapi.MixPayOpenApi.Contract;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

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

  /** One Chromium run per page, shared by the tests that look at it. */
  private static final Map<String, Page> PAGES = new ConcurrentHashMap<>();

  @Test
  void currentReferenceShowsTheOperationsAndTheirExamples() throws Exception {
    String create = page(Contract.CURRENT, "one-time-payment/createonetimepayment").text();
    String result = page(Contract.CURRENT, "payment-result/getpaymentresult").text();
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
      String catalogue = page(contract, "error-catalogue").text();

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
    String create = page(Contract.V2022, "one-time-payment/createonetimepayment").text();

    assertThat(create).contains("Create a one-time payment code",
        "isTemp boolean required If true , the code can be used only once.",
        // The page's own example, as the request sample.
        "Payload application/x-www-form-urlencoded payeeId=a38ed284-5689-4fb9-8c2a-91fba5e32ce9"
            + "&settlementAssetId=c6d0c728-2624-429b-8e0d-d9d19b6592fa&quoteAssetId=usd"
            + "&quoteAmount=10&isTemp=true",
        "Response 200 400 429 500 503 application/json",
        "\"525502dd-e552-4505-b114-32fe32ff23c2\"")
        // No such request fields (the shared response schema may still name traceId).
        .doesNotContain("orderId string", "traceId string");
  }

  @Test
  void openedFromDiskEveryLinkStaysInThePage() throws Exception {
    // Without a server, path links (/one-time-payment) lead nowhere; the template routes in the
    // hash instead.
    String dom = page(Contract.CURRENT, "").dom();

    assertThat(dom).contains("href=\"#/one-time-payment\"", "href=\"#/error-catalogue\"")
        .doesNotContain("href=\"/one-time-payment\"");
  }

  @Test
  void screenshotsShowRenderedPages() throws Exception {
    for (Contract contract : Contract.values()) {
      for (String route : List.of("one-time-payment/createonetimepayment", "error-catalogue")) {
        Path png = page(contract, route).screenshot();

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

  /** A page as Chromium left it: its DOM after the page's script ran, and a screenshot. */
  private record Page(String dom, Path screenshot) {

    /** The visible text: tags dropped, entities and spaces folded. */
    String text() {
      String text = dom.replaceAll("(?s)<script.*?</script>", " ")
          .replaceAll("(?s)<style.*?</style>", " ")
          .replaceAll("(?s)<[^>]+>", " ")
          .replace("&quot;", "\"").replace("&#x27;", "'").replace("&#39;", "'")
          .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
      return text.replaceAll("\\s+", " ");
    }
  }

  private static Page page(Contract contract, String route) throws Exception {
    String key = contract.label() + "/" + route;
    Page page = PAGES.get(key);
    if (page == null) {
      page = render(contract, route);
      PAGES.put(key, page);
    }
    return page;
  }

  private static Page render(Contract contract, String route) throws Exception {
    Files.createDirectories(SHOTS);
    String name = contract.label() + (route.isEmpty() ? "" : "-" + route.replace('/', '-'));
    Path png = SHOTS.resolve(name + ".png").toAbsolutePath();
    Path work = Files.createTempDirectory("mixpay-reference-");
    try {
      Path dom = work.resolve("dom.html");
      Path stderr = work.resolve("stderr.txt");
      List<String> command = List.of(binary(), "--headless", "--no-sandbox", "--disable-gpu",
          "--disable-quic", "--no-first-run", "--disable-background-networking",
          "--disable-component-update", "--disable-sync",
          "--user-data-dir=" + work.resolve("profile"),
          // Offline: no host name resolves, so any fetch the page tried would fail.
          "--host-resolver-rules=MAP * ~NOTFOUND",
          // Run the page's script to idle without waiting in real time.
          "--virtual-time-budget=15000",
          "--window-size=1400,2000", "--screenshot=" + png, "--dump-dom",
          HtmlReferenceTest.reference(contract).toAbsolutePath().toUri()
              + (route.isEmpty() ? "" : "#/" + route));
      Process process = new ProcessBuilder(command)
          .redirectOutput(dom.toFile())
          .redirectError(stderr.toFile())
          .start();
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("Chromium did not finish within 90 s: " + command);
      }
      assertThat(process.exitValue()).as("Chromium exit status; stderr: %s",
          Files.readString(stderr)).isZero();
      return new Page(Files.readString(dom), png);
    } finally {
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
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
