package dev.mixpaykit.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Used as a library, the mock prints nothing: a fresh JVM with this module's test class path
 * (slf4j-simple as the host's binding, at its default INFO) starts and stops mocks, sends a
 * request and has one connection reset on purpose, and its whole output is compared.
 */
class QuietTest {

  /** The program the fresh JVM runs. */
  public static final class Probe {
    public static void main(String[] args) {
      boolean verbose = args.length > 0 && args[0].equals("--verbose");
      for (int i = 0; i < 1; i++) {
        try (MixPayMock mock = MixPayMock.builder().verbose(verbose).build().start()) {
          Shop.create(mock, Contract.minimal("order-quiet-" + i));
          mock.dropNext(RequestMatch.any());
          try {
            Shop.create(mock, Contract.minimal("order-quiet-drop-" + i));
          } catch (java.io.UncheckedIOException expected) {
            // the reset we asked for
          }
          mock.reset();
        }
      }
      System.out.println("done");
    }
  }

  private static String run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Probe.class.getName()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      byte[] out = process.getInputStream().readAllBytes();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the probe ended").isTrue();
      assertThat(process.exitValue()).as(new String(out, StandardCharsets.UTF_8)).isZero();
      return new String(out, StandardCharsets.UTF_8);
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void startingAndStoppingMocksPrintsNothing() throws Exception {
    assertThat(run()).isEqualTo("done" + System.lineSeparator());
  }

  @Test
  void verboseLeavesJettysLoggingAlone() throws Exception {
    // The probe can see log lines: asked for, Jetty's life cycle is there.
    assertThat(run("--verbose")).contains("org.eclipse.jetty.server.Server - Started Server@")
        .endsWith("done" + System.lineSeparator());
  }
}
