package dev.mixpaykit.mock.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.core.Admin;
import java.util.concurrent.CompletableFuture;

/**
 * Everything one mock holds besides WireMock itself: its payments, the test controls, the
 * error style, the callback sender and the engine (both ready once the spec has loaded). The
 * Java facade and the admin API both drive this; neither knows the other.
 */
public final class MockState {

  private final PaymentStore payments;
  private final TestControls controls;
  private final ErrorStyle errorStyle;
  private final CompletableFuture<CallbackSender> callbacks;
  private final CompletableFuture<Responder> engine;
  private final java.util.List<Runnable> onReset = new java.util.concurrent.CopyOnWriteArrayList<>();

  public MockState(PaymentStore payments, TestControls controls, ErrorStyle errorStyle,
      CompletableFuture<CallbackSender> callbacks, CompletableFuture<Responder> engine) {
    this.payments = payments;
    this.controls = controls;
    this.errorStyle = errorStyle;
    this.callbacks = callbacks;
    this.engine = engine;
  }

  public PaymentStore payments() {
    return payments;
  }

  public TestControls controls() {
    return controls;
  }

  public ErrorStyle errorStyle() {
    return errorStyle;
  }

  /** The callback sender; waits for the spec to load. */
  public CallbackSender callbacks() {
    return callbacks.join();
  }

  /** True when {@code code} is in the spec's error catalogue; waits for the spec to load. */
  public boolean isCatalogued(int code) {
    return engine.join().envelopes().catalogue().contains(code);
  }

  /** Runs {@code action} on every {@link #reset}, after the rest is forgotten. */
  public void onReset(Runnable action) {
    onReset.add(action);
  }

  /** Stops the callback sender once there is one; does not wait. */
  public void shutdown() {
    callbacks.thenAccept(CallbackSender::shutdown);
  }

  /** The stub that sends every request to the responder, below any stub a test adds. */
  public static void addCatchAllStub(Admin admin) {
    admin.addStubMapping(any(anyUrl()).atPriority(Integer.MAX_VALUE)
        .willReturn(aResponse().withTransformers(DeferredResponder.NAME)).build());
  }

  /** Forgets payments, controls, callbacks, WireMock stubs added by tests and the journal. */
  public void reset(Admin admin) {
    payments.clear();
    controls.clear();
    callbacks.thenAccept(CallbackSender::clear);
    admin.resetAll();
    addCatchAllStub(admin);
    onReset.forEach(Runnable::run);
  }
}
