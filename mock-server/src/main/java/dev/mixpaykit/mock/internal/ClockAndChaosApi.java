package dev.mixpaykit.mock.internal;

import static dev.mixpaykit.mock.internal.AdminJson.body;
import static dev.mixpaykit.mock.internal.AdminJson.json;
import static dev.mixpaykit.mock.internal.AdminJson.object;
import static dev.mixpaykit.mock.internal.AdminJson.problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.admin.Router;
import com.github.tomakehurst.wiremock.extension.AdminApiExtension;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.mixpaykit.mock.ChaosProfile;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.StringJoiner;

/**
 * The mock's clock and chaos over HTTP, beside {@link ControlApi}:
 *
 * <pre>
 * GET    /__admin/mixpay/clock                {"now": "...Z", "epochMs": ..., "frozen": false}
 * PUT    /__admin/mixpay/clock                {"frozen"?: true|false, "at"?: "2026-01-05T10:00:00Z"}
 * POST   /__admin/mixpay/clock/advance        {"seconds": 1800} | {"ms": 15000} | {"by": "PT30M"}
 * GET    /__admin/mixpay/chaos                the profile and the seed
 * PUT    /__admin/mixpay/chaos                {"serverErrors": 0.1, ...} | {"fraction": 0.2}
 * DELETE /__admin/mixpay/chaos                no chaos
 * </pre>
 *
 * Moving the clock answers once every action that fell due has run: expiries happen and callback
 * attempts start; their outcomes come on real time (POST /__admin/mixpay/callbacks/await).
 */
public final class ClockAndChaosApi implements AdminApiExtension {

  private final Timeline timeline;
  private final Chaos chaos;
  private final long seed;

  public ClockAndChaosApi(Timeline timeline, Chaos chaos, long seed) {
    this.timeline = timeline;
    this.chaos = chaos;
    this.seed = seed;
  }

  @Override
  public String getName() {
    return "mixpay-clock-and-chaos-api";
  }

  @Override
  public void contributeAdminApiRoutes(Router router) {
    router.add(RequestMethod.GET, "/mixpay/clock", (admin, event, params) -> clock());
    router.add(RequestMethod.PUT, "/mixpay/clock", (admin, event, params) -> {
      JsonNode body = body(event.getRequest().getBodyAsString());
      if (body == null) {
        return problem("the body must be a JSON object");
      }
      // A misspelt field would otherwise change nothing and still answer 200.
      for (java.util.Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!name.equals("frozen") && !name.equals("at")) {
          return problem("unknown field " + name + "; the clock takes frozen and at");
        }
      }
      if (body.isEmpty()) {
        return problem("give frozen, at, or both");
      }
      JsonNode frozen = body.get("frozen");
      if (frozen != null && !frozen.isBoolean()) {
        return problem("frozen must be true or false");
      }
      Long at = null;
      if (body.hasNonNull("at")) {
        at = instant(body.get("at"));
        if (at == null) {
          return problem("at must be an ISO-8601 instant (2026-01-05T10:00:00Z) or epoch ms");
        }
      }
      if (frozen != null && frozen.booleanValue()) {
        timeline.freeze();
      }
      if (at != null) {
        timeline.moveTo(at);
      }
      if (frozen != null && !frozen.booleanValue()) {
        timeline.resume();
      }
      return clock();
    });
    router.add(RequestMethod.POST, "/mixpay/clock/advance", (admin, event, params) -> {
      JsonNode body = body(event.getRequest().getBodyAsString());
      Long ms = body == null ? null : duration(body);
      if (ms == null) {
        return problem("give one of {\"seconds\": 1800}, {\"ms\": 15000}, {\"by\": \"PT30M\"},"
            + " not negative");
      }
      timeline.advance(ms);
      return clock();
    });
    router.add(RequestMethod.GET, "/mixpay/chaos", (admin, event, params) -> chaos());
    router.add(RequestMethod.PUT, "/mixpay/chaos", (admin, event, params) -> {
      JsonNode body = body(event.getRequest().getBodyAsString());
      if (body == null) {
        return problem("the body must be a JSON object");
      }
      try {
        chaos.profile(profile(body));
      } catch (IllegalArgumentException e) {
        return problem(e.getMessage());
      }
      return chaos();
    });
    router.add(RequestMethod.DELETE, "/mixpay/chaos", (admin, event, params) -> {
      chaos.profile(ChaosProfile.none());
      return chaos();
    });
  }

  private static ChaosProfile profile(JsonNode body) {
    if (body.size() == 1 && body.has("fraction")) {
      return ChaosProfile.parse(body.get("fraction").asText());
    }
    StringJoiner pairs = new StringJoiner(",");
    body.fields().forEachRemaining(e -> {
      if (!e.getValue().isNumber()) {
        throw new IllegalArgumentException("chaos: " + e.getKey() + " must be a number");
      }
      pairs.add(e.getKey() + "=" + e.getValue().asText());
    });
    if (pairs.length() == 0) {
      throw new IllegalArgumentException("chaos: give at least one of serverErrors, maintenance,"
          + " rateLimited, resetsAfterCreate, retryAfterSeconds, latencyMedianMs, latencyP99Ms,"
          + " or {\"fraction\": 0.2}");
    }
    return ChaosProfile.parse(pairs.toString());
  }

  private ResponseDefinition clock() {
    long now = timeline.millis();
    return json(200, object().put("now", Instant.ofEpochMilli(now).toString())
        .put("epochMs", now).put("frozen", timeline.isFrozen()));
  }

  private ResponseDefinition chaos() {
    ObjectNode o = object();
    chaos.profile().asMap().forEach((k, v) -> o.putPOJO(k, v));
    return json(200, o.put("seed", seed));
  }

  private static Long instant(JsonNode at) {
    if (at.isIntegralNumber() && at.canConvertToLong()) {
      return at.asLong();
    }
    try {
      return at.isTextual() ? Instant.parse(at.asText()).toEpochMilli() : null;
    } catch (DateTimeParseException | ArithmeticException e) {
      return null;
    }
  }

  private static Long duration(JsonNode body) {
    try {
      Long ms = null;
      if (body.size() != 1) {
        return null;
      } else if (body.path("seconds").isIntegralNumber()) {
        ms = Math.multiplyExact(body.get("seconds").asLong(), 1000L);
      } else if (body.path("ms").isIntegralNumber()) {
        ms = body.get("ms").asLong();
      } else if (body.path("by").isTextual()) {
        ms = Duration.parse(body.get("by").asText()).toMillis();
      }
      return ms == null || ms < 0 ? null : ms;
    } catch (DateTimeParseException | ArithmeticException e) {
      return null;
    }
  }
}
