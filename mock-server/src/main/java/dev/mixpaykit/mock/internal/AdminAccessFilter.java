package dev.mixpaykit.mock.internal;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The one gate in front of every admin route (MixPay's {@code /__admin/mixpay/**} and WireMock's
 * {@code /__admin/**}): a Host the mock answers to (against DNS rebinding), no foreign Origin
 * (against web pages driving the sandbox), and, when configured, {@code Authorization: Bearer
 * TOKEN} compared in constant time. A refusal ends the chain, so WireMock's CORS filter behind it
 * never adds its headers.
 */
public final class AdminAccessFilter implements Filter {

  private final byte[] token;
  private final Set<String> allowedHosts;
  private final boolean wiremockExtras;

  /**
   * {@code token}: null leaves the admin API open; hosts: the names the mock answers to;
   * {@code wiremockExtras}: whether WireMock's recordings, mappings/save and files writes answer.
   */
  public AdminAccessFilter(String token, String bindAddress, Set<String> extraHosts,
      boolean wiremockExtras) {
    this.wiremockExtras = wiremockExtras;
    this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    Set<String> hosts = new HashSet<>();
    hosts.add("localhost");
    hosts.add(normalise(bindAddress));
    if (bindAddress.equals("0.0.0.0") || bindAddress.equals("::")) {
      hosts.add("127.0.0.1");
      hosts.add("::1");
    }
    for (String h : extraHosts) {
      hosts.add(normalise(h));
    }
    this.allowedHosts = Set.copyOf(hosts);
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    String host = hostOf(request.getHeader("Host"));
    if (host == null || !allowedHosts.contains(host)) {
      refuse(response, 403, "Host",
          "this Host is not one the mock answers to (add it with --allowed-host)");
      return;
    }
    String origin = request.getHeader("Origin");
    if (origin != null && !ownOrigin(origin, request.getLocalPort())) {
      refuse(response, 403, "Origin", "admin routes are not callable from another origin");
      return;
    }
    if (token != null) {
      String auth = request.getHeader("Authorization");
      byte[] given = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
          ? auth.substring(7).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
      if (!MessageDigest.isEqual(token, given)) {
        response.setHeader("WWW-Authenticate", "Bearer");
        refuse(response, 401, "Authorization",
            "admin routes need the header Authorization: Bearer <admin token>");
        return;
      }
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.equals("/shutdown")) {
      // WireMock's shutdown closes the port and leaves the JVM running: never half-dead.
      refuse(response, 403, null, "shutdown over HTTP is refused: stop the process (SIGTERM)");
      return;
    }
    if (!wiremockExtras && (path.startsWith("/recordings") || path.startsWith("/mappings/save")
        || (path.startsWith("/files") && !request.getMethod().equals("GET")))) {
      refuse(response, 403, null, "WireMock's recording and file-writing admin routes are off"
          + " (--enable-wiremock-admin-extras turns them on)");
      return;
    }
    chain.doFilter(req, res);
  }

  private boolean ownOrigin(String origin, int localPort) {
    try {
      URI uri = new URI(origin);
      if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getRawUserInfo() != null
          || uri.getHost() == null) {
        return false;
      }
      int port = uri.getPort() == -1 ? 80 : uri.getPort();
      return port == localPort && allowedHosts.contains(normalise(uri.getHost()));
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  /** The host part of a Host header, lower-cased, brackets removed; null when malformed. */
  static String hostOf(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String h = header.trim();
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      if (end < 0) {
        return null;
      }
      String rest = h.substring(end + 1);
      if (!rest.isEmpty() && !rest.matches(":[0-9]{1,5}")) {
        return null;
      }
      return normalise(h.substring(1, end));
    }
    int colon = h.indexOf(':');
    if (colon >= 0) {
      if (!h.substring(colon).matches(":[0-9]{1,5}")) {
        return null;
      }
      h = h.substring(0, colon);
    }
    return normalise(h);
  }

  private static String normalise(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals("0:0:0:0:0:0:0:1") ? "::1" : h;
  }

  private static void refuse(HttpServletResponse response, int status, String header,
      String message) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    String body = "{\"error\":\"" + message + "\""
        + (header == null ? "" : ",\"header\":\"" + header + "\"") + "}";
    response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
  }
}
