package dev.mixpaykit.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The command line, in-process for its options and as a real process for its life cycle. */
class MainTest {

  @Test
  void helpPrintsTheOptionsAndExitsZero() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"--help"}, new PrintStream(out), System.err);

    assertThat(status).isZero();
    assertThat(out.toString()).contains("--port", "--bind", "--spec", "--verbose", "--help",
        "--allow-http-callbacks", "--callback-time-scale", "--max-expiry-minutes");
  }

  @Test
  void anUnknownOptionIsAUsageError() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"--colour"}, System.out, new PrintStream(err));

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("unknown option --colour", "Usage:");
  }

  @Test
  void aBadNumberIsAUsageError() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"--callback-time-scale", "fast"}, System.out,
        new PrintStream(err));

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("error:");
  }

  @Test
  void aMissingSpecFileIsAUsageError() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"--spec", "/no/such/spec.yaml"}, System.out,
        new PrintStream(err));

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("cannot read spec file");
  }

  @Test
  void printsItsUrlWhenReadyAnswersAndStopsCleanlyOnSigterm() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(List.of(java, "-cp",
        System.getProperty("java.class.path"), Main.class.getName(), "--port", "0"))
        .redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String url = null;
      Pattern ready = Pattern.compile("MixPay mock listening on (http://127\\.0\\.0\\.1:\\d+)");
      for (String line; url == null && (line = out.readLine()) != null; ) {
        Matcher m = ready.matcher(line);
        url = m.find() ? m.group(1) : null;
      }
      assertThat(url).as("the ready line").isNotNull();

      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(url + "/v1/one_time_payment"))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(Contract.encode(
                  Contract.minimal("order-cli")))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);

      // SIGTERM through the handle: Process.destroy() would also close our end of stdout.
      process.toHandle().destroy();
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stopped in time").isTrue();
      StringBuilder rest = new StringBuilder();
      for (String line; (line = out.readLine()) != null; ) {
        rest.append(line).append('\n');
      }
      assertThat(rest.toString()).contains("MixPay mock stopped").doesNotContain("Exception");
    } finally {
      process.destroyForcibly();
    }
  }
}
