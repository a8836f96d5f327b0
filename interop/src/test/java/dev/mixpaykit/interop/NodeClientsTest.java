package dev.mixpaykit.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixpaykit.mock.MixPayMock;
import dev.mixpaykit.mock.MixPayMockExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the Node test files (Node's own test runner) against a mock started here on a free
 * port: MixPay's JavaScript client mixpayjs ({@code src/test/js}) and the TypeScript client
 * generated from the spec ({@code src/test/ts}, compiled by the build into
 * {@code target/node}). One JUnit test per file; a failing JS test fails it, with Node's
 * report in the failure message and in the build log.
 */
class NodeClientsTest {

  /** Generous: the files take well under a second each; this only ends a hung run. */
  private static final long TIMEOUT_SECONDS = 120;

  private static final Path MODULE = Path.of("").toAbsolutePath();

  @RegisterExtension
  static final MixPayMockExtension MIXPAY = new MixPayMockExtension(); // free port, one per class

  @TestFactory
  Stream<DynamicTest> nodeTestFiles() {
    requireNode20();
    List<Path> files = Stream.concat(
        testFiles(MODULE.resolve("src/test/js")),
        testFiles(MODULE.resolve("target/node/src/test/ts"))).toList();
    assertThat(files).as("Node test files (is target/node compiled?)")
        .extracting(f -> f.getFileName().toString())
        .contains("mixpayjs.test.js", "generated-client.test.js");
    return files.stream().map(file -> DynamicTest.dynamicTest(
        MODULE.relativize(file).toString(), file.toUri(), () -> run(file)));
  }

  private static void run(Path file) throws Exception {
    MixPayMock mock = MIXPAY.mock();
    mock.reset();
    mock.http200Errors(false); // the files switch it themselves; a crashed one must not leak it
    Result result = node("--test", "--test-reporter=spec", file.toString());
    System.out.println(result.output);
    assertThat(result.exitCode).as("node --test %s:%n%s", MODULE.relativize(file), result.output)
        .isZero();
  }

  private static void requireNode20() {
    Result version;
    try {
      version = node("--version");
    } catch (IOException e) {
      throw new AssertionError("Node 20 is a prerequisite of the build; 'node' is not on the PATH",
          e);
    }
    int major = Integer.parseInt(version.output.strip().replaceFirst("^v(\\d+).*", "$1"));
    assertThat(major).as("Node version (%s); the build needs Node 20 or later",
        version.output.strip()).isGreaterThanOrEqualTo(20);
  }

  private static Result node(String... args) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(
        Stream.concat(Stream.of("node"), Stream.of(args)).toList())
        .directory(MODULE.toFile())
        .redirectErrorStream(true);
    builder.environment().put("MIXPAY_MOCK_URL", MIXPAY.baseUrl());
    // Loopback only: a proxy from the environment must not see these requests (axios honours it).
    builder.environment().put("NO_PROXY", "127.0.0.1,localhost");
    builder.environment().put("no_proxy", "127.0.0.1,localhost");
    builder.environment().put("NO_COLOR", "1");
    Process process = builder.start();
    process.getOutputStream().close();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    Thread reader = new Thread(() -> copy(process.getInputStream(), output));
    reader.start();
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        reader.join(TimeUnit.SECONDS.toMillis(5));
        throw new AssertionError("node " + String.join(" ", args) + " did not finish in "
            + TIMEOUT_SECONDS + " s; output so far:\n" + output.toString(StandardCharsets.UTF_8));
      }
      reader.join();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for node", e);
    }
    return new Result(process.exitValue(), output.toString(StandardCharsets.UTF_8));
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    try (in) {
      in.transferTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Stream<Path> testFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Stream.empty();
    }
    try (Stream<Path> listing = Files.list(dir)) {
      return listing.filter(p -> p.getFileName().toString().endsWith(".test.js")).sorted()
          .toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Result(int exitCode, String output) {}
}
