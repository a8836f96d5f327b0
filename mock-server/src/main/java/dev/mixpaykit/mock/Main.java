package dev.mixpaykit.mock;

import dev.mixpaykit.mock.proxy.DriftProxy;
import dev.mixpaykit.mock.proxy.DriftReport;
import dev.mixpaykit.mock.proxy.ProxyOptions;
import dev.mixpaykit.openapi.MixPayOpenApi;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
      "  --contract NAME        published contract to serve: current (default) or 2022",
      "                         (MixPay's February 2022 page: isTemp required, no orderId,",
      "                         traceId or result query)",
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
      "  --admin-token TOKEN    require Authorization: Bearer TOKEN on /__admin/** (also",
      "                         MIXPAY_MOCK_ADMIN_TOKEN); needed to bind beyond loopback",
      "  --admin-open           bind beyond loopback with an open admin API (anyone drives it)",
      "  --allowed-host NAME    a Host name the admin API answers to (bound address and",
      "                         localhost always)",
      "  --enable-wiremock-admin-extras  let WireMock's recordings, mappings/save and files",
      "                         writes answer over HTTP (off: they reach and write anywhere)",
      "",
      "Proxy: check MixPay against the spec (see the README, \"Check MixPay against the spec\"):",
      "  --proxy-to URL         forward every request to URL (https://api.mixpay.me) and return its",
      "                         answers unchanged, checking both against the spec",
      "  --drift-report FILE    write the findings as JSON when the proxy stops",
      "  --drift-junit FILE     write the findings as JUnit XML when the proxy stops",
      "  --fail-on-drift        exit with status 3 at shutdown when anything was found (else 0)",
      "  --report-values        copy the values seen (payee ids, amounts) into the reports",
      "  --strict-error-status  an error envelope under HTTP 200 is drift (default: allowed style)",
      "  --upstream-timeout-ms N  longest exchange with the upstream (default 30000)",
      "  --record DIR           keep every exchange as a JSON file in DIR",
      "  --replay DIR           check the recordings in DIR without the upstream, write the",
      "                         reports and exit",
      "  --allow-http-upstream  accept an http:// upstream (local tests only)",
      "  --help                 show this help",
      "",
      "Test controls: POST /__admin/mixpay/next, PUT|DELETE /__admin/mixpay/rate-limit,",
      "PUT /__admin/mixpay/error-style {\"http200\":true},",
      "GET /__admin/mixpay/payments, POST /__admin/mixpay/payments/{code}/pending|pay|fail|expire,",
      "GET /__admin/mixpay/callbacks, POST /__admin/mixpay/reset, GET /__admin/requests,",
      "GET|PUT /__admin/mixpay/clock, POST /__admin/mixpay/clock/advance,",
      "GET|PUT|DELETE /__admin/mixpay/chaos.",
      "As a proxy: GET /__admin/mixpay/drift[/junit], POST /__admin/mixpay/drift/write,",
      "DELETE /__admin/mixpay/drift.");

  /** Exit status when {@code --fail-on-drift} is given and the proxy found drift. */
  static final int DRIFT_FOUND = 3;

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
    String contract = null;
    boolean spec = false;
    ProxyOptions proxy = ProxyOptions.defaults();
    URI proxyTo = null;
    Path replay = null;
    boolean proxyOption = false;
    boolean tokenGiven = false;
    boolean adminOpen = false;
    String bind = "127.0.0.1";
    String envToken = System.getenv("MIXPAY_MOCK_ADMIN_TOKEN");
    if (envToken != null && !envToken.isBlank()) {
      builder.adminToken(envToken);
      tokenGiven = true;
    }
    String specLocation = MixPayOpenApi.json().toString();
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--help", "-h" -> {
            out.println(USAGE);
            return 0;
          }
          case "--port" -> builder.port(Integer.parseInt(value(args, ++i, "--port")));
          case "--bind" -> {
            bind = value(args, ++i, "--bind");
            builder.bindAddress(bind);
          }
          case "--spec" -> {
            Path file = Path.of(value(args, ++i, "--spec"));
            if (!Files.isReadable(file)) {
              throw new IllegalArgumentException("cannot read spec file " + file);
            }
            builder.spec(file);
            spec = true;
            specLocation = file.toAbsolutePath().toUri().toString();
          }
          case "--contract" -> {
            MixPayOpenApi.Contract named = MixPayOpenApi.Contract.named(
                value(args, ++i, "--contract"));
            builder.contract(named);
            contract = named.label();
            specLocation = MixPayOpenApi.json(named).toString();
          }
          case "--max-expiry-minutes" -> builder.maxExpiry(Duration.ofMinutes(
              Long.parseLong(value(args, ++i, "--max-expiry-minutes"))));
          case "--allow-http-callbacks" -> builder.allowPlainHttpCallbacks(true);
          case "--admin-token" -> {
            builder.adminToken(value(args, ++i, "--admin-token"));
            tokenGiven = true;
          }
          case "--admin-open" -> {
            builder.adminOpen(true);
            adminOpen = true;
          }
          case "--enable-wiremock-admin-extras" -> builder.wiremockAdminExtras(true);
          case "--allowed-host" -> builder.allowedHost(value(args, ++i, "--allowed-host"));
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
          case "--proxy-to" -> proxyTo = URI.create(value(args, ++i, "--proxy-to"));
          case "--replay" -> replay = Path.of(value(args, ++i, "--replay"));
          case "--allow-http-upstream" -> proxyOption = set(proxy.allowPlainHttpUpstream(true));
          case "--upstream-timeout-ms" -> proxyOption = set(proxy.upstreamTimeout(
              Duration.ofMillis(Long.parseLong(value(args, ++i, "--upstream-timeout-ms")))));
          case "--drift-report" -> proxyOption = set(
              proxy.driftReport(Path.of(value(args, ++i, "--drift-report"))));
          case "--drift-junit" -> proxyOption = set(
              proxy.driftJUnit(Path.of(value(args, ++i, "--drift-junit"))));
          case "--fail-on-drift" -> proxyOption = set(proxy.failOnDrift(true));
          case "--report-values" -> proxyOption = set(proxy.reportValues(true));
          case "--strict-error-status" -> proxyOption = set(proxy.strictErrorStatus(true));
          case "--record" -> proxyOption = set(
              proxy.record(Path.of(value(args, ++i, "--record"))));
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if (spec && contract != null) {
        throw new IllegalArgumentException("--spec and --contract exclude each other");
      }
      if (proxyTo != null && replay != null) {
        throw new IllegalArgumentException("--proxy-to and --replay exclude each other");
      }
      if (proxyOption && proxyTo == null && replay == null) {
        throw new IllegalArgumentException("the drift options need --proxy-to or --replay");
      }
      if (proxyTo != null) {
        builder.proxyTo(proxyTo, proxy);
      }
    } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
      err.println("error: " + e.getMessage());
      err.println();
      err.println(USAGE);
      return 2;
    }

    if (replay != null) {
      return replay(replay, proxy, specLocation, out, err);
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
      if (mock.isProxy()) {
        DriftReport drift = mock.drift();
        out.println("MixPay drift: " + drift);
        if (mock.failsOnDrift()) {
          out.flush();
          stopped.countDown();
          // The only way to choose the exit status of a JVM that is already shutting down.
          Runtime.getRuntime().halt(drift.isEmpty() ? 0 : DRIFT_FOUND);
        }
      }
      out.flush();
      stopped.countDown();
    }, "mixpay-mock-shutdown"));
    boolean everyAddress = bind.equals("0.0.0.0") || bind.equals("::");
    out.println("MixPay mock listening on " + mock.baseUrl()
        + (everyAddress ? " (bound to " + bind + ", every address)" : "")
        + (mock.isProxy() ? " (proxy to " + proxyTo + ")" : ""));
    if (adminOpen && !tokenGiven) {
      err.println("warning: --admin-open: anyone who reaches " + bind
          + " can reset, pay and restub this mock");
    }
    if (contract != null) {
      out.println("Serving MixPay's " + contract + " contract");
    }
    if (verbose) {
      out.println("ready " + java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime()
          + " ms after the JVM started");
    }
    out.flush();
    stopped.await();
    return 0;
  }

  /** Checks recordings against the spec; 3 when drift was found and that should fail. */
  private static int replay(Path dir, ProxyOptions options, String specLocation, PrintStream out,
      PrintStream err) {
    DriftReport report;
    try {
      report = DriftProxy.replay(dir, options, specLocation, Clock.systemUTC());
    } catch (RuntimeException e) {
      err.println("error: cannot replay: " + e.getMessage());
      return 1;
    }
    out.println("MixPay drift: " + report);
    report.findings().forEach(f -> out.println("  " + f));
    out.flush();
    return options.failsOnDrift() && !report.isEmpty() ? DRIFT_FOUND : 0;
  }

  /** A proxy option was set (they need --proxy-to or --replay). */
  private static boolean set(ProxyOptions ignored) {
    return true;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }
}
