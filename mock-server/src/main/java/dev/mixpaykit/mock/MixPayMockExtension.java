package dev.mixpaykit.mock;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A {@link MixPayMock} for JUnit 5 tests: started on a free port, reset before each test.
 *
 * <pre>{@code
 * class CheckoutTest {
 *   @RegisterExtension
 *   static MixPayMockExtension mixpay = new MixPayMockExtension();
 *
 *   @Test
 *   void createsAPayment() {
 *     var client = MixPayClient.builder().baseUrl(mixpay.baseUrl()).build();
 *     ...
 *     assertThat(mixpay.mock().payments()).hasSize(1);
 *   }
 * }
 * }</pre>
 *
 * <p>In a static field the server lives for the whole class; in an instance field, for one
 * test. Test methods may also take a {@link MixPayMock} parameter.
 *
 * <p>Built with {@code MixPayMock.builder().proxyTo(upstream, options)}, the tests run against
 * the real MixPay through the validating proxy; with {@code ProxyOptions.failOnDrift(true)} the
 * class (or test) fails when the proxy stops having found drift, after writing the reports.
 */
public final class MixPayMockExtension implements BeforeAllCallback, AfterAllCallback,
    BeforeEachCallback, AfterEachCallback, ParameterResolver {

  private final MixPayMock.Builder options;
  private MixPayMock mock;
  private boolean perClass;

  /** A mock with the default options. */
  public MixPayMockExtension() {
    this(MixPayMock.builder());
  }

  /** A mock with these options. */
  public MixPayMockExtension(MixPayMock.Builder options) {
    this.options = options;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    mock = options.build().start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (mock == null) {
      mock = options.build().start();
    } else {
      mock.reset();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      stop();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == MixPayMock.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return mock();
  }

  /** The running mock. */
  public MixPayMock mock() {
    if (mock == null) {
      throw new IllegalStateException("the MixPay mock runs only while a test runs");
    }
    return mock;
  }

  /** The running mock's base URL, e.g. {@code http://127.0.0.1:53122}. */
  public String baseUrl() {
    return mock().baseUrl();
  }

  /** The running mock's port. */
  public int port() {
    return mock().port();
  }

  private void stop() {
    if (mock != null) {
      MixPayMock stopping = mock;
      mock = null;
      stopping.stop();
      // As a proxy with failOnDrift: the tests passed, but MixPay no longer matches the spec.
      if (stopping.failsOnDrift() && !stopping.drift().isEmpty()) {
        StringBuilder message = new StringBuilder("MixPay drifted from the spec:");
        stopping.drift().findings().forEach(f -> message.append("\n  ").append(f));
        throw new AssertionError(message.toString());
      }
    }
  }
}
