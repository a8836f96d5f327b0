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
 * WireMock's Jetty server, except that form bodies reach the mock unparsed.
 *
 * <p>WireMock decodes every form body as it wraps the request, and a body such as
 * {@code payeeId=%zz} (or a form with an unknown charset) makes it answer an HTML 500 page with
 * a stack trace before any extension runs. Hiding the form content type from that eager decoding
 * leaves the body to {@link RequestBody}, which reports it as a MixPay parameter error. The
 * {@code Content-Type} header itself is untouched, except that a charset Java does not know is
 * dropped from it: WireMock would fail on that too.
 */
public final class RawBodyServerFactory implements HttpServerFactory {

  // WireMock's own bookkeeping headers: nothing MixPay sends, so nothing the mock answers.
  private static final java.util.Set<String> INTERNAL_HEADERS = java.util.Set.of(
      "matched-stub-id", "matched-stub-name");

  private final java.util.concurrent.CompletableFuture<Responder> engine;

  public RawBodyServerFactory(java.util.concurrent.CompletableFuture<Responder> engine) {
    this.engine = engine;
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
        context.addFilter(new FilterHolder(new RawFormFilter(engine)), "/*",
            EnumSet.of(DispatcherType.REQUEST));
      }
    };
  }

  /**
   * Jetty answers a request it cannot parse (a URI or headers beyond its 8 KiB buffers: 414,
   * 431; a malformed request line: 400) before any servlet runs. The status stays Jetty's,
   * even under HTTP-200 errors, but the body is MixPay's 1017 envelope instead of HTML.
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
        default -> "the request line or its URL is not well-formed";
      };
      fields.put(org.eclipse.jetty.http.HttpHeader.CONTENT_TYPE, "application/json");
      return java.nio.ByteBuffer.wrap(responder.envelopes()
          .error(ErrorCatalogue.PARAMETER_ERROR, why).json()
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  private static final class RawFormFilter implements Filter {

    private final java.util.concurrent.CompletableFuture<Responder> engine;

    RawFormFilter(java.util.concurrent.CompletableFuture<Responder> engine) {
      this.engine = engine;
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
        Envelopes.Answer answer = engine.join().envelopes()
            .error(ErrorCatalogue.PARAMETER_ERROR, malformed);
        response.setStatus(answer.status());
        response.setContentType("application/json");
        byte[] bytes = answer.json().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        return;
      }
      String type = http.getHeader("Content-Type");
      if (type == null) {
        chain.doFilter(request, response);
        return;
      }
      boolean form = type.toLowerCase(Locale.ROOT).contains("form-urlencoded");
      String usable = knownCharsetOnly(type);
      if (!form && usable.equals(type)) {
        chain.doFilter(request, response);
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
