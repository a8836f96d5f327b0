package dev.mixpaykit.mock.proxy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How the mock runs as a validating proxy in front of the real MixPay: where the answers come
 * from, how long to wait for them, and where the drift report goes. Each setter documents its
 * default; an instance is copied when a mock is built, so changing it later has no effect.
 *
 * <pre>{@code
 * MixPayMock.builder().proxyTo(URI.create("https://api.mixpay.me"), ProxyOptions.defaults()
 *     .driftReport(Path.of("target/mixpay-drift.json"))
 *     .driftJUnit(Path.of("target/surefire-reports/TEST-mixpay-drift.xml")))
 * }</pre>
 */
public final class ProxyOptions {

  private boolean allowPlainHttpUpstream = false;
  private Duration upstreamTimeout = Duration.ofSeconds(30);
  private Path driftReport;
  private Path driftJUnit;
  private Path recordDir;
  private boolean failOnDrift = false;
  private boolean reportValues = false;
  private boolean strictErrorStatus = false;

  private ProxyOptions() {}

  /** HTTPS only, 30 s per exchange, no files written, values kept out of reports. */
  public static ProxyOptions defaults() {
    return new ProxyOptions();
  }

  ProxyOptions copy() {
    ProxyOptions c = new ProxyOptions();
    c.allowPlainHttpUpstream = allowPlainHttpUpstream;
    c.upstreamTimeout = upstreamTimeout;
    c.driftReport = driftReport;
    c.driftJUnit = driftJUnit;
    c.recordDir = recordDir;
    c.failOnDrift = failOnDrift;
    c.reportValues = reportValues;
    c.strictErrorStatus = strictErrorStatus;
    return c;
  }

  /**
   * Accept an {@code http://} upstream; default false. Staging traffic carries real payee ids
   * and amounts, so plain HTTP is for loopback test upstreams only.
   */
  public ProxyOptions allowPlainHttpUpstream(boolean allow) {
    this.allowPlainHttpUpstream = allow;
    return this;
  }

  /**
   * How long one exchange with the upstream may take, connection to last byte; default 30 s
   * (the SDK's request timeout). Past it the client gets MixPay's {@code -1} envelope.
   */
  public ProxyOptions upstreamTimeout(Duration timeout) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("upstreamTimeout must be positive");
    }
    this.upstreamTimeout = timeout;
    return this;
  }

  /** Write the findings as JSON to this file when the proxy stops; default none. */
  public ProxyOptions driftReport(Path file) {
    this.driftReport = file;
    return this;
  }

  /** Write the findings as JUnit XML to this file when the proxy stops; default none. */
  public ProxyOptions driftJUnit(Path file) {
    this.driftJUnit = file;
    return this;
  }

  /**
   * Keep every upstream exchange (the headers that matter and both bodies) as one JSON file in
   * this directory; default none. Recordings hold real values: they are fixtures, not reports.
   */
  public ProxyOptions record(Path dir) {
    this.recordDir = dir;
    return this;
  }

  /**
   * Make drift a failure: the command line exits with status 3 at shutdown and the JUnit
   * extension fails the test class when anything was found; default false.
   */
  public ProxyOptions failOnDrift(boolean fail) {
    this.failOnDrift = fail;
    return this;
  }

  /**
   * Copy the values seen (payee ids, amounts, ids) into reports as examples; default false,
   * so that a report can be attached to a CI run. Error codes and statuses are always shown.
   */
  public ProxyOptions reportValues(boolean report) {
    this.reportValues = report;
    return this;
  }

  /**
   * Hold MixPay to the spec's HTTP-status mapping: an error envelope under HTTP 200 becomes a
   * finding. Default false, because the spec documents both styles (see its "HTTP status of
   * errors") and MixPay's deployed clients meet both.
   */
  public ProxyOptions strictErrorStatus(boolean strict) {
    this.strictErrorStatus = strict;
    return this;
  }

  boolean allowsPlainHttpUpstream() {
    return allowPlainHttpUpstream;
  }

  Duration upstreamTimeout() {
    return upstreamTimeout;
  }

  Path driftReportFile() {
    return driftReport;
  }

  Path driftJUnitFile() {
    return driftJUnit;
  }

  Path recordDir() {
    return recordDir;
  }

  /** Whether drift fails the run (command line, JUnit extension). */
  public boolean failsOnDrift() {
    return failOnDrift;
  }

  boolean reportsValues() {
    return reportValues;
  }

  boolean strictErrorStatusOn() {
    return strictErrorStatus;
  }

  /**
   * Refuses an upstream the proxy must not talk to (not HTTPS unless allowed, or with a query,
   * fragment or user info); returns it without a trailing slash.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public URI checkedUpstream(URI upstream) {
    Objects.requireNonNull(upstream, "upstream");
    String scheme = upstream.getScheme() == null ? ""
        : upstream.getScheme().toLowerCase(Locale.ROOT);
    if (upstream.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new IllegalArgumentException("the upstream must be an https:// URL, not " + upstream);
    }
    if (scheme.equals("http") && !allowPlainHttpUpstream) {
      throw new IllegalArgumentException("the upstream must use HTTPS (" + upstream
          + "); plain HTTP is allowed only for local tests (--allow-http-upstream)");
    }
    if (upstream.getRawQuery() != null || upstream.getRawFragment() != null
        || upstream.getRawUserInfo() != null) {
      throw new IllegalArgumentException("the upstream must be scheme://host[:port][/path], not "
          + upstream);
    }
    String text = upstream.toString();
    return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
  }
}
