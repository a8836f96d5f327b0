package dev.mixpaykit.mock.internal;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.concurrent.CompletableFuture;

/**
 * Registers the {@link Responder} with WireMock before the spec has finished loading; a request
 * that arrives earlier waits for it.
 */
public final class DeferredResponder implements ResponseDefinitionTransformerV2 {

  public static final String NAME = "mixpay-responder";

  private final CompletableFuture<Responder> responder;

  public DeferredResponder(CompletableFuture<Responder> responder) {
    this.responder = responder;
  }

  @Override
  public String getName() {
    return NAME;
  }

  /** Only the mock's own catch-all stub: stubs a test adds through WireMock answer as written. */
  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    return responder.join().transform(serveEvent);
  }
}
