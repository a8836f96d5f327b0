package dev.mixpaykit.mock;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar mixpay-mock-server.jar [options]}: runs the mock until SIGTERM or Ctrl-C.
 * Prints {@code MixPay mock listening on http://HOST:PORT} once it answers requests.
 */
public final class Main {

  static final String USAGE = String.join("\n",
      "Usage: java -jar mixpay-mock-server.jar [options]",
      "",
      "A local MixPay one-time payment API, driven by its OpenAPI description.",
      "",
      "Options:",
      "  --port N               port to listen on (default 4010; 0 picks a free port)",
      "  --bind ADDRESS         address to bind (default 127.0.0.1)",
      "  --spec FILE            OpenAPI file to use instead of the embedded one",
      "  --max-expiry-minutes N upper bound of the expiredTimestamp window (default: the spec's)",
      "  --allow-http-callbacks accept and call http:// callback URLs (local test endpoints)",
      "  --callback-time-scale F multiply MixPay's callback retry schedule (default 1; 0.001 for tests)",
      "  --http-200-errors      answer every error envelope under HTTP 200 (as some MixPay",
      "                         deployments do) instead of 400/404/409/429/500/503",
      "  --max-payments N       payments held at most (default 10000); when full, the one",
      "                         finished longest ago is forgotten, or a new one refused",
      "  --seed N               the same codes and chaos decisions in every run with this seed",
      "  --frozen-at INSTANT    start with the clock frozen, e.g. 2026-01-05T10:00:00Z (move it",
      "                         with PUT /__admin/mixpay/clock and POST .../clock/advance)",
      "  --chaos SPEC           fail a fraction of requests in MixPay's ways: 0.2, or pairs like",
      "                         serverErrors=0.05,maintenance=0.05,rateLimited=0.05,",
      "                         resetsAfterCreate=0.05,retryAfterSeconds=1,latencyMedianMs=20,",
      "                         latencyP99Ms=200",
      "  --verbose              log every request",
      "  --help                 show this help",
      "",
      "Test controls: POST /__admin/mixpay/next, PUT|DELETE /__admin/mixpay/rate-limit,",
      "PUT /__admin/mixpay/error-style {\"http200\":true},",
      "GET /__admin/mixpay/payments, POST /__admin/mixpay/payments/{code}/pending|pay|fail|expire,",
      "GET /__admin/mixpay/callbacks, POST /__admin/mixpay/reset, GET /__admin/requests,",
      "GET|PUT /__admin/mixpay/clock, POST /__admin/mixpay/clock/advance,",
      "GET|PUT|DELETE /__admin/mixpay/chaos.");

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    // The executable jar logs through slf4j-simple: quiet unless asked.
    boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Parses, starts, and blocks until the JVM shuts down; returns an exit status on misuse. */
  static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
    MixPayMock.Builder builder = MixPayMock.builder().port(4010);
    boolean verbose = false;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--help", "-h" -> {
            out.println(USAGE);
            return 0;
          }
          case "--port" -> builder.port(Integer.parseInt(value(args, ++i, "--port")));
          case "--bind" -> builder.bindAddress(value(args, ++i, "--bind"));
          case "--spec" -> {
            Path spec = Path.of(value(args, ++i, "--spec"));
            if (!Files.isReadable(spec)) {
              throw new IllegalArgumentException("cannot read spec file " + spec);
            }
            builder.spec(spec);
          }
          case "--max-expiry-minutes" -> builder.maxExpiry(Duration.ofMinutes(
              Long.parseLong(value(args, ++i, "--max-expiry-minutes"))));
          case "--allow-http-callbacks" -> builder.allowPlainHttpCallbacks(true);
          case "--http-200-errors" -> builder.http200Errors(true);
          case "--max-payments" -> builder.maxPayments(
              Integer.parseInt(value(args, ++i, "--max-payments")));
          case "--callback-time-scale" -> builder.callbackTimeScale(
              Double.parseDouble(value(args, ++i, "--callback-time-scale")));
          case "--seed" -> builder.seed(Long.parseLong(value(args, ++i, "--seed")));
          case "--frozen-at" -> builder.clock(java.time.Clock.fixed(
              java.time.Instant.parse(value(args, ++i, "--frozen-at")), java.time.ZoneOffset.UTC));
          case "--chaos" -> builder.chaos(ChaosProfile.parse(value(args, ++i, "--chaos")));
          case "--verbose" -> {
            builder.verbose(true);
            verbose = true;
          }
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
    } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
      err.println("error: " + e.getMessage());
      err.println();
      err.println(USAGE);
      return 2;
    }

    MixPayMock mock;
    try {
      mock = builder.build().start();
    } catch (RuntimeException e) {
      err.println("error: cannot start: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      mock.stop();
      out.println("MixPay mock stopped");
      out.flush();
      stopped.countDown();
    }, "mixpay-mock-shutdown"));
    out.println("MixPay mock listening on " + mock.baseUrl());
    if (verbose) {
      out.println("ready " + java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime()
          + " ms after the JVM started");
    }
    out.flush();
    stopped.await();
    return 0;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }
}
