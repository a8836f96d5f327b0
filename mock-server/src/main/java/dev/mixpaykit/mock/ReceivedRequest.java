package dev.mixpaykit.mock;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request the mock received, from its journal.
 *
 * @param method e.g. {@code POST}
 * @param url the path and query string as sent, e.g. {@code /v1/payments_result?traceId=...}
 * @param headers every header, by name as sent
 * @param body the body as UTF-8 text (the mock reads every body as UTF-8); empty when none
 * @param receivedAt when it arrived
 */
public record ReceivedRequest(String method, String url, Map<String, List<String>> headers,
    String body, Instant receivedAt) {

  public ReceivedRequest {
    headers = Map.copyOf(headers);
  }

  /** The first value of a header, its name in any case; null when absent. */
  public String header(String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))
          && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }
}
