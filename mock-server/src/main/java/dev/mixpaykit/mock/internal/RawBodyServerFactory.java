package dev.mixpaykit.mock.internal;

import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.AdminRequestHandler;
import com.github.tomakehurst.wiremock.http.HttpServer;
import com.github.tomakehurst.wiremock.http.HttpServerFactory;
import com.github.tomakehurst.wiremock.http.StubRequestHandler;
import com.github.tomakehurst.wiremock.jetty11.Jetty11HttpServer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.EnumSet;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;

/**
 * WireMock's Jetty server, except that form bodies reach the mock (and the admin API) unparsed,
 * and that nothing about a request, however broken, is answered with Jetty's HTML error page.
 *
 * <p>WireMock decodes every form body as it wraps the request, and a body such as
 * {@code payeeId=%zz} (or a form with an unknown charset) makes it answer an HTML 500 page with
 * a stack trace before any extension runs. Hiding the form content type from that eager decoding
 * leaves the body to {@link RequestBody}, which reports it as a MixPay parameter error. The
 * {@code Content-Type} header itself is untouched, except that a charset Java does not know is
 * dropped from it: WireMock would fail on that too.
 *
 * <p>The body is read here, once, before WireMock sees the request: WireMock reads it while it
 * copies the request for its journal, and a body that breaks off, has a broken chunked encoding,
 * stalls past the idle timeout or claims a gzip encoding it does not have made it answer an HTML
 * 500 page with a stack trace. Here each is refused with the 1017 envelope (the admin API:
 * {@code {"error": ...}}), and a body is never read beyond the limit.
 */
public final class RawBodyServerFactory implements HttpServerFactory {

  // WireMock's own bookkeeping headers: nothing MixPay sends, so nothing the mock answers.
  private static final java.util.Set<String> INTERNAL_HEADERS = java.util.Set.of(
      "matched-stub-id", "matched-stub-name");

  private final java.util.concurrent.CompletableFuture<Responder> engine;
  private final int maxBodyBytes;
  private final AdminAccessFilter adminAccess;

  /** {@code maxBodyBytes}: the largest body MixPay's API reads; the only place it is enforced. */
  public RawBodyServerFactory(java.util.concurrent.CompletableFuture<Responder> engine,
      int maxBodyBytes, AdminAccessFilter adminAccess) {
    this.engine = engine;
    this.maxBodyBytes = maxBodyBytes;
    this.adminAccess = adminAccess;
  }

  @Override
  public String getName() {
    return "mixpay-raw-body-jetty";
  }

  @Override
  public HttpServer buildHttpServer(Options options, AdminRequestHandler admin,
      StubRequestHandler stubs) {
    return new Jetty11HttpServer(options, admin, stubs) {
      @Override
      protected void applyAdditionalServerConfiguration(org.eclipse.jetty.server.Server server,
          Options options) {
        super.applyAdditionalServerConfiguration(server, options);
        server.setErrorHandler(new EnvelopeErrorHandler(engine));
      }

      @Override
      protected void decorateMockServiceContextBeforeConfig(ServletContextHandler context) {
        context.addFilter(new FilterHolder(new RawFormFilter(engine, false, maxBodyBytes)), "/*",
            EnumSet.of(DispatcherType.REQUEST));
      }

      // After WireMock's own configuration, which sets its own error handler on each context.
      @Override
      protected void decorateMockServiceContextAfterConfig(ServletContextHandler context) {
        context.setErrorHandler(new EnvelopeErrorHandler(engine));
      }

      @Override
      protected void decorateAdminServiceContextAfterConfig(ServletContextHandler context) {
        context.setErrorHandler(new EnvelopeErrorHandler(engine));
      }

      // The admin API (/__admin/...) is a servlet context of its own, with the same eager
      // parsing of queries and form bodies: the same filter, answering in the admin API's style.
      @Override
      protected void decorateAdminServiceContextBeforeConfig(ServletContextHandler context) {
        // First of all: a refused request reaches neither WireMock's CORS filter nor a handler.
        context.addFilter(new FilterHolder(adminAccess), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(new RawFormFilter(engine, true,
            RawFormFilter.MAX_ADMIN_BODY_BYTES)), "/*",
            EnumSet.of(DispatcherType.REQUEST));
      }
    };
  }

  /**
   * Jetty answers a request it cannot parse (a URI or headers beyond its buffers: 414, 431; a
   * malformed request line: 400) before any servlet runs. The status stays Jetty's, even under
   * HTTP-200 errors, but the body is MixPay's 1017 envelope instead of HTML. The same handler
   * is each servlet context's error page, for anything that still escapes: a 4xx there is a
   * 1017 envelope, anything else the {@code -1} envelope, never a page or a stack trace.
   */
  private static final class EnvelopeErrorHandler extends org.eclipse.jetty.server.handler.ErrorHandler {

    private final java.util.concurrent.CompletableFuture<Responder> engine;

    EnvelopeErrorHandler(java.util.concurrent.CompletableFuture<Responder> engine) {
      this.engine = engine;
      setShowStacks(false);
      setShowServlet(false);
    }

    @Override
    public java.nio.ByteBuffer badMessageError(int status, String reason,
        org.eclipse.jetty.http.HttpFields.Mutable fields) {
      Responder responder = engine.getNow(null);
      if (responder == null) {
        return super.badMessageError(status, reason, fields);
      }
      String why = switch (status) {
        case 414 -> "the URL is longer than the server accepts";
        case 431 -> "the request headers are larger than the server accepts";
        default -> "the request line, its URL or its headers are not well-formed";
      };
      fields.put(org.eclipse.jetty.http.HttpHeader.CONTENT_TYPE, "application/json");
      return java.nio.ByteBuffer.wrap(responder.envelopes()
          .error(ErrorCatalogue.PARAMETER_ERROR, why).json()
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    protected void generateAcceptableResponse(org.eclipse.jetty.server.Request baseRequest,
        HttpServletRequest request, HttpServletResponse response, int code, String message)
        throws IOException {
      Responder responder = engine.getNow(null);
      if (responder == null) {
        super.generateAcceptableResponse(baseRequest, request, response, code, message);
        return;
      }
      boolean client = code >= 400 && code < 500;
      String json = responder.envelopes().error(client ? ErrorCatalogue.PARAMETER_ERROR
          : ErrorCatalogue.SERVER_ERROR, client ? "the request could not be read" : null)
          .json();
      byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      response.setContentType("application/json");
      response.setContentLength(bytes.length);
      response.getOutputStream().write(bytes);
      baseRequest.setHandled(true);
    }
  }

  private static final class RawFormFilter implements Filter {

    // The admin API takes WireMock's own documents too (stub mappings), far larger than any
    // MixPay request; still a bound.
    static final int MAX_ADMIN_BODY_BYTES = 16 * 1024 * 1024;
    private static final String ENCODING = "Content-Encoding";
    // However slowly it trickles in (each read is also bounded by Jetty's idle timeout).
    static final long BODY_DEADLINE_MS = 30_000;

    /** A body that cannot be read, in words for the refusal. */
    static final class Unreadable extends Exception {
      Unreadable(String why) {
        super(why, null, false, false);
      }
    }

    private final java.util.concurrent.CompletableFuture<Responder> engine;
    // The admin API refuses as its routes do (400, {"error": ...}); MixPay's API with an envelope.
    private final boolean admin;
    private final int limit;

    RawFormFilter(java.util.concurrent.CompletableFuture<Responder> engine, boolean admin,
        int limit) {
      this.engine = engine;
      this.admin = admin;
      this.limit = limit;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse servletResponse,
        FilterChain chain) throws IOException, ServletException {
      HttpServletRequest http = (HttpServletRequest) request;
      HttpServletResponse response = withoutInternalHeaders(
          (HttpServletResponse) servletResponse);
      // WireMock decodes the path and query itself and answers a malformed percent escape with
      // an HTML 500 page before any extension runs: refuse it here, as MixPay's envelope.
      String malformed = malformedUrl(http);
      if (malformed != null) {
        refuse(response, malformed);
        return;
      }
      byte[] body;
      try {
        body = readBody(http, limit);
      } catch (Unreadable e) {
        refuse(response, e.getMessage());
        return;
      }
      if (body != null) {
        http = withBody(http, body);
      }
      String type = http.getHeader("Content-Type");
      if (type == null) {
        chain.doFilter(http, response);
        return;
      }
      boolean form = type.toLowerCase(Locale.ROOT).contains("form-urlencoded");
      String usable = knownCharsetOnly(type);
      if (!form && usable.equals(type)) {
        chain.doFilter(http, response);
        return;
      }
      chain.doFilter(new HttpServletRequestWrapper(http) {
        @Override
        public String getContentType() {
          return form ? null : usable;
        }

        @Override
        public String getCharacterEncoding() {
          return form ? null : super.getCharacterEncoding();
        }

        @Override
        public String getHeader(String name) {
          return "Content-Type".equalsIgnoreCase(name) ? usable : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
          return "Content-Type".equalsIgnoreCase(name)
              ? Collections.enumeration(List.of(usable)) : super.getHeaders(name);
        }
      }, response);
    }

    /** The admin API's refusal ({@code {"error": ...}}, 400), or MixPay's 1017 envelope. */
    private void refuse(HttpServletResponse response, String why) throws IOException {
      Envelopes.Answer answer = admin
          ? new Envelopes.Answer(400, RequestBody.MAPPER.createObjectNode()
              .put("error", why).toString())
          : engine.join().envelopes().error(ErrorCatalogue.PARAMETER_ERROR, why);
      response.setStatus(answer.status());
      response.setContentType("application/json");
      // Whatever is left of the body stays unread: the connection cannot carry another request.
      response.setHeader("Connection", "close");
      byte[] bytes = answer.json().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      response.setContentLength(bytes.length);
      response.getOutputStream().write(bytes);
    }

    /**
     * The whole body, or null when the request has none; at most {@code limit} bytes (after
     * undoing a gzip encoding, which WireMock undoes too), read within {@link #BODY_DEADLINE_MS}.
     */
    static byte[] readBody(HttpServletRequest http, int limit) throws Unreadable {
      long declared = http.getContentLengthLong();
      if (declared <= 0 && http.getHeader("Transfer-Encoding") == null) {
        return null;
      }
      if (declared > limit) {
        // Refused from the headers alone (before "100 Continue", when the client asked for it).
        throw new Unreadable("the body is larger than " + limit + " bytes");
      }
      byte[] body = new byte[(int) Math.min(Math.max(declared, 256), (long) limit + 1)];
      int length = 0;
      long deadline = System.nanoTime() + BODY_DEADLINE_MS * 1_000_000;
      try (java.io.InputStream in = http.getInputStream()) {
        int n;
        while ((n = in.read(body, length, body.length - length)) >= 0) {
          length += n;
          if (length > limit) {
            throw new Unreadable("the body is larger than " + limit + " bytes");
          }
          if (length == body.length) {
            body = java.util.Arrays.copyOf(body, Math.min(body.length * 2, limit + 1));
          }
          if (System.nanoTime() - deadline > 0) {
            throw new Unreadable("the body was not sent within " + BODY_DEADLINE_MS / 1000
                + " s");
          }
        }
      } catch (IOException | RuntimeException e) {
        throw new Unreadable(brokenBody(e, http.getHeader("Transfer-Encoding") != null));
      }
      body = java.util.Arrays.copyOf(body, length);
      String unsupported = unsupportedEncoding(http);
      if (unsupported != null) {
        throw new Unreadable("Content-Encoding " + unsupported
            + " is not supported; send the body as it is, or gzip-compressed");
      }
      if (!gzipped(http, body)) {
        return body;
      }
      byte[] plain;
      try (java.io.InputStream in = new java.util.zip.GZIPInputStream(
          new java.io.ByteArrayInputStream(body))) {
        plain = in.readNBytes(limit + 1);
      } catch (IOException e) {
        throw new Unreadable("the body is declared or looks gzip-compressed but is not");
      }
      if (plain.length > limit) {
        throw new Unreadable("the body, unzipped, is larger than " + limit + " bytes");
      }
      if (startsLikeGzip(plain)) {
        throw new Unreadable("the body is gzip-compressed more than once");
      }
      return plain;
    }

    /**
     * Whether WireMock would unzip this body: any {@code Content-Encoding} that mentions gzip,
     * or gzip's magic bytes whatever the headers say. The filter unzips it instead, bounded,
     * and hands on the plain bytes without the header.
     */
    private static boolean gzipped(HttpServletRequest http, byte[] body) {
      for (Enumeration<String> e = http.getHeaders("Content-Encoding"); e != null
          && e.hasMoreElements(); ) {
        if (e.nextElement().toLowerCase(Locale.ROOT).contains("gzip")) {
          return true;
        }
      }
      return startsLikeGzip(body);
    }

    /** The first coding other than identity and gzip, or null. */
    private static String unsupportedEncoding(HttpServletRequest http) {
      for (Enumeration<String> e = http.getHeaders(ENCODING); e != null && e.hasMoreElements(); ) {
        for (String coding : e.nextElement().split(",")) {
          String c = coding.trim().toLowerCase(Locale.ROOT);
          if (!c.isEmpty() && !c.equals("identity") && !c.equals("gzip") && !c.equals("x-gzip")) {
            return coding.trim().length() > 40 ? coding.trim().substring(0, 40) + "..."
                : coding.trim();
          }
        }
      }
      return null;
    }

    private static boolean startsLikeGzip(byte[] body) {
      return body.length >= 2 && body[0] == (byte) 0x1f && body[1] == (byte) 0x8b;
    }

    /** Why a body could not be read, in plain words; never the exception's own text. */
    private static String brokenBody(Exception e, boolean chunked) {
      if (e instanceof Unreadable u) {
        return u.getMessage();
      }
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof java.util.concurrent.TimeoutException) {
          return "the body stopped arriving before it was complete";
        }
        if (t instanceof org.eclipse.jetty.io.EofException
            || t instanceof org.eclipse.jetty.http.BadMessageException) {
          // Jetty reports a malformed chunk as an early end of the body.
          return chunked ? "the body's chunked encoding is broken or ends early"
              : "the body ended before the length its headers declare";
        }
      }
      return "the body could not be read (" + e.getClass().getSimpleName() + ")";
    }

    /**
     * The request with its body already read (and unzipped): WireMock, the mock and the drift
     * proxy read these bytes, and see no {@code Content-Encoding}.
     */
    private static HttpServletRequest withBody(HttpServletRequest http, byte[] body) {
      return new HttpServletRequestWrapper(http) {
        @Override
        public String getHeader(String name) {
          return ENCODING.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
          return ENCODING.equalsIgnoreCase(name) ? Collections.emptyEnumeration()
              : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
          List<String> names = new java.util.ArrayList<>();
          for (Enumeration<String> e = super.getHeaderNames(); e.hasMoreElements(); ) {
            String name = e.nextElement();
            if (!ENCODING.equalsIgnoreCase(name)) {
              names.add(name);
            }
          }
          return Collections.enumeration(names);
        }

        @Override
        public int getContentLength() {
          return body.length;
        }

        @Override
        public long getContentLengthLong() {
          return body.length;
        }

        @Override
        public jakarta.servlet.ServletInputStream getInputStream() {
          java.io.ByteArrayInputStream bytes = new java.io.ByteArrayInputStream(body);
          return new jakarta.servlet.ServletInputStream() {
            @Override
            public int read() {
              return bytes.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
              return bytes.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
              return bytes.available() == 0;
            }

            @Override
            public boolean isReady() {
              return true;
            }

            @Override
            public void setReadListener(jakarta.servlet.ReadListener listener) {
              throw new IllegalStateException("the body is already read");
            }
          };
        }
      };
    }

    private static String malformedUrl(HttpServletRequest http) {
      try {
        RequestBody.decode(http.getRequestURI(), "the URL path");
        String query = http.getQueryString();
        if (query != null) {
          RequestBody.pairs(query, "the query string");
        }
        return null;
      } catch (RequestBody.Unreadable e) {
        return e.getMessage();
      }
    }

    private static HttpServletResponse withoutInternalHeaders(HttpServletResponse response) {
      return new HttpServletResponseWrapper(response) {
        @Override
        public void setHeader(String name, String value) {
          if (!INTERNAL_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            super.setHeader(name, value);
          }
        }

        @Override
        public void addHeader(String name, String value) {
          if (!INTERNAL_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            super.addHeader(name, value);
          }
        }
      };
    }

    /**
     * The header without its charset when Java does not know that charset: WireMock would
     * otherwise fail on it while logging the body. The mock reads bodies as UTF-8 anyway.
     */
    private static String knownCharsetOnly(String type) {
      int at = type.toLowerCase(Locale.ROOT).indexOf("charset=");
      if (at < 0) {
        return type;
      }
      String name = type.substring(at + 8).split("[;\\s]", 2)[0].replace("\"", "");
      try {
        if (Charset.isSupported(name)) {
          return type;
        }
      } catch (IllegalArgumentException e) {
        // an illegal charset name is as unusable as an unknown one
      }
      return type.substring(0, type.indexOf(';') < 0 ? type.length() : type.indexOf(';'));
    }
  }
}
