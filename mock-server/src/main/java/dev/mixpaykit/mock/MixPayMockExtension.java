package dev.mixpaykit.mock;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A {@link MixPayMock} for JUnit 5 tests: started on a free port, reset before each test; or,
 * made with {@link #isolated()}, a mock of its own for every test, for tests that run in
 * parallel.
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
 *
 * <p>Under JUnit's parallel execution, use {@link #isolated()}: each test gets a mock of its
 * own (its own port, payments, controls, callbacks and clock), started before it and stopped
 * after it; a mock starts in tens of milliseconds in a warm JVM (see BENCHMARKS.md).
 *
 * <pre>{@code
 * @Execution(ExecutionMode.CONCURRENT)
 * class ParallelCheckoutTest {
 *   @RegisterExtension
 *   static MixPayMockExtension mixpay = MixPayMockExtension.isolated(MixPayMock.builder().seed(7));
 *
 *   @Test
 *   void createsAPayment(MixPayMock mock) {   // this test's own mock
 *     ...
 *   }
 * }
 * }</pre>
 */
public final class MixPayMockExtension implements BeforeAllCallback, AfterAllCallback,
    BeforeEachCallback, AfterEachCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(MixPayMockExtension.class);

  private final MixPayMock.Builder options;
  private final boolean isolated;
  private MixPayMock mock;
  private boolean perClass;
  // Isolated: the running test's mock, for mock() on the test's thread (and threads it starts).
  private final InheritableThreadLocal<MixPayMock> current = new InheritableThreadLocal<>();

  /** A mock with the default options. */
  public MixPayMockExtension() {
    this(MixPayMock.builder());
  }

  /** A mock with these options. */
  public MixPayMockExtension(MixPayMock.Builder options) {
    this(options, false);
  }

  private MixPayMockExtension(MixPayMock.Builder options, boolean isolated) {
    this.options = options;
    this.isolated = isolated;
  }

  /** A mock of its own for every test, with the default options: safe for parallel tests. */
  public static MixPayMockExtension isolated() {
    return isolated(MixPayMock.builder());
  }

  /**
   * A mock of its own for every test, built from these options (all tests share the seed, so a
   * seeded test sees the same codes however tests are scheduled): safe for parallel tests.
   */
  public static MixPayMockExtension isolated(MixPayMock.Builder options) {
    return new MixPayMockExtension(options, true);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (isolated) {
      return;
    }
    perClass = true;
    mock = options.build().start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (isolated) {
      MixPayMock own = options.build().start();
      context.getStore(NAMESPACE).put(MixPayMock.class, own);
      current.set(own);
      return;
    }
    if (mock == null) {
      mock = options.build().start();
    } else {
      mock.reset();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (isolated) {
      current.remove();
      MixPayMock own = context.getStore(NAMESPACE).remove(MixPayMock.class, MixPayMock.class);
      if (own != null) {
        own.stop();
      }
      return;
    }
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
    if (isolated) {
      MixPayMock own = context.getStore(NAMESPACE).get(MixPayMock.class, MixPayMock.class);
      if (own == null) {
        throw new IllegalStateException("an isolated MixPay mock exists only for a test method");
      }
      return own;
    }
    return mock();
  }

  /**
   * The running mock; when {@link #isolated()}, the current test's, found from the test's
   * thread (prefer a {@link MixPayMock} parameter).
   */
  public MixPayMock mock() {
    if (isolated) {
      MixPayMock own = current.get();
      if (own == null) {
        throw new IllegalStateException("no isolated MixPay mock on this thread: take a"
            + " MixPayMock parameter in the test method");
      }
      return own;
    }
    if (mock == null) {
      throw new IllegalStateException("the MixPay mock runs only while a test runs");
    }
    return mock;
  }

  /** The running mock's base URL, e.g. {@code http://127.0.0.1:53122}. */
  public String baseUrl() {
    return mock().baseUrl();
  }

  /** The running mock's clock: freeze, set or advance it (see {@link MockClock}). */
  public MockClock clock() {
    return mock().clock();
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
