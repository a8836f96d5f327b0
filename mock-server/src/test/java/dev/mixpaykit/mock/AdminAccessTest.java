package dev.mixpaykit.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 17: only the sandbox's owner drives its admin routes. */
class AdminAccessTest {

  private static MixPayMock open;
  private static MixPayMock guarded;

  @BeforeAll
  static void start() {
    open = MixPayMock.builder().build().start();
    guarded = MixPayMock.builder().adminToken("s3cret-token").allowedHost("mock.test").build()
        .start();
  }

  @AfterAll
  static void stop() {
    open.stop();
    guarded.stop();
  }

  private static RawHttp.Answer post(MixPayMock mock, String target, String extraHeaders)
      throws IOException {
    return RawHttp.send(mock.port(), "POST " + target + " HTTP/1.1\r\nConnection: close\r\n"
        + extraHeaders + "Content-Type: text/plain\r\nContent-Length: 0\r\n\r\n", new byte[0]);
  }

  private static RawHttp.Answer get(MixPayMock mock, String target, String extraHeaders)
      throws IOException {
    return RawHttp.send(mock.port(), "GET " + target + " HTTP/1.1\r\nConnection: close\r\n"
        + extraHeaders + "\r\n", new byte[0]);
  }

  private static String header(RawHttp.Answer answer, String name) {
    return answer.headers().entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name)).map(java.util.Map.Entry::getValue)
        .findFirst().orElse(null);
  }

  @Test
  void aForeignOriginCannotResetAndGetsNoCorsHeaders() throws IOException {
    RawHttp.Answer answer = post(open, "/__admin/mixpay/reset",
        "Host: 127.0.0.1\r\nOrigin: http://evil.example\r\n");
    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.body()).contains("\"header\":\"Origin\"");
    assertThat(header(answer, "Access-Control-Allow-Origin")).isNull();
    assertThat(header(answer, "Access-Control-Allow-Credentials")).isNull();
  }

  @Test
  void aPreflightFromAForeignOriginIsRefused() throws IOException {
    RawHttp.Answer answer = RawHttp.send(open.port(), "OPTIONS /__admin/mappings HTTP/1.1\r\n"
        + "Host: 127.0.0.1\r\nOrigin: http://evil.example\r\n"
        + "Access-Control-Request-Method: DELETE\r\nConnection: close\r\n\r\n", new byte[0]);
    assertThat(answer.status()).isEqualTo(403);
    assertThat(header(answer, "Access-Control-Allow-Origin")).isNull();
    assertThat(header(answer, "Access-Control-Allow-Methods")).isNull();
  }

  @Test
  void originLookalikesAreForeign() throws IOException {
    for (String origin : new String[] {"null", "http://127.0.0.1.evil.example",
        "http://127.0.0.1:1", "https://127.0.0.1:" + open.port(),
        "http://user@127.0.0.1:" + open.port(), "http://%zz"}) {
      RawHttp.Answer answer = post(open, "/__admin/mixpay/reset",
          "Host: 127.0.0.1\r\nOrigin: " + origin + "\r\n");
      assertThat(answer.status()).as(origin).isEqualTo(403);
    }
  }

  @Test
  void theMocksOwnOriginIsAccepted() throws IOException {
    RawHttp.Answer answer = post(open, "/__admin/mixpay/reset",
        "Host: 127.0.0.1:" + open.port() + "\r\nOrigin: http://127.0.0.1:" + open.port() + "\r\n");
    assertThat(answer.status()).isEqualTo(200);
  }

  @Test
  void aRebindingHostIsRefused() throws IOException {
    for (String host : new String[] {"evil.example", "evil.example:" + open.port(),
        "127.0.0.1.evil.example", "localhost.evil.example", "127.0.0.1:x", ""}) {
      RawHttp.Answer answer = post(open, "/__admin/mixpay/reset", "Host: " + host + "\r\n");
      assertThat(answer.status()).as(host).isIn(400, 403);
    }
    assertThat(post(open, "/__admin/mixpay/reset", "Host: localhost:1\r\n").status())
        .isEqualTo(200);
  }

  @Test
  void theApiItselfStaysOpenToAnyHostAndOrigin() throws IOException {
    RawHttp.Answer answer = get(guarded, "/v1/setting/payment_assets",
        "Host: evil.example\r\nOrigin: http://evil.example\r\n");
    assertThat(answer.status()).isNotIn(401, 403);
  }

  @Test
  void everyAdminRouteNeedsTheToken() throws IOException {
    for (String target : new String[] {"/__admin/mixpay/reset", "/__admin/mappings/reset",
        "/__admin/shutdown", "/__admin/requests/reset"}) {
      RawHttp.Answer answer = post(guarded, target, "Host: 127.0.0.1\r\n");
      assertThat(answer.status()).as(target).isEqualTo(401);
      assertThat(answer.body()).contains("Authorization").doesNotContain("s3cret-token");
      assertThat(header(answer, "Content-Type")).startsWith("application/json");
    }
    for (String auth : new String[] {"Bearer wrong", "Bearer s3cret-tokenX", "Bearer s3cret-toke",
        "Basic s3cret-token", "s3cret-token", "Bearer "}) {
      RawHttp.Answer answer = get(guarded, "/__admin/requests",
          "Host: 127.0.0.1\r\nAuthorization: " + auth + "\r\n");
      assertThat(answer.status()).as(auth).isEqualTo(401);
    }
  }

  @Test
  void theTokenOpensTheAdminRoutesOnAnAllowedHost() throws IOException {
    assertThat(post(guarded, "/__admin/mixpay/reset",
        "Host: mock.test\r\nAuthorization: Bearer s3cret-token\r\n").status()).isEqualTo(200);
    assertThat(get(guarded, "/__admin/requests",
        "Host: 127.0.0.1\r\nAuthorization: bearer s3cret-token\r\n").status()).isEqualTo(200);
    // The token does not excuse a foreign Host.
    assertThat(post(guarded, "/__admin/mixpay/reset",
        "Host: evil.example\r\nAuthorization: Bearer s3cret-token\r\n").status()).isEqualTo(403);
  }

  @Test
  void shutdownRecordingsSaveAndFileWritesAreRefused() throws IOException {
    String headers = "Host: 127.0.0.1\r\nAuthorization: Bearer s3cret-token\r\n";
    for (String target : new String[] {"/__admin/shutdown", "/__admin/recordings/start",
        "/__admin/recordings/snapshot", "/__admin/mappings/save"}) {
      assertThat(post(guarded, target, headers).status()).as(target).isEqualTo(403);
    }
    RawHttp.Answer put = RawHttp.send(guarded.port(), "PUT /__admin/files/evil.txt HTTP/1.1\r\n"
        + headers + "Connection: close\r\nContent-Length: 1\r\n\r\n", new byte[] {'x'});
    assertThat(put.status()).isEqualTo(403);
    // Still running after the refused shutdown.
    assertThat(get(guarded, "/__admin/requests", headers).status()).isEqualTo(200);
  }

  @Test
  void aNonLoopbackBindWithoutATokenRefusesToBuild() {
    assertThatThrownBy(() -> MixPayMock.builder().bindAddress("0.0.0.0").build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("--admin-token");
    // Built, not started: nothing binds beyond loopback in a test.
    assertThat(MixPayMock.builder().bindAddress("0.0.0.0").adminOpen(true).build()).isNotNull();
    assertThat(MixPayMock.builder().bindAddress("0.0.0.0").adminToken("t").build()).isNotNull();
  }

  @Test
  void theCommandLineRefusesANonLoopbackBindWithoutAToken() throws InterruptedException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int status = Main.run(new String[] {"--bind", "0.0.0.0", "--port", "0"},
        new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
        new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isNotZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--admin-token");
  }
}
