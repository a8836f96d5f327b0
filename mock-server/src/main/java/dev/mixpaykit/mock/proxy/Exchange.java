package dev.mixpaykit.mock.proxy;

import java.time.Instant;
import java.util.Map;

/**
 * One request and what the upstream did with it: an answer, or a failure (timeout, refused
 * connection, reset). Bodies are as received, after undoing a {@code gzip} or {@code deflate}
 * content encoding. Headers are the ones that matter to the spec and to fixtures, by lower-case
 * name; never cookies or credentials.
 *
 * @param target the path and query as the client sent them
 * @param failure why there is no answer; null when there is one
 */
record Exchange(Instant at, long millis, String method, String target,
    Map<String, String> requestHeaders, byte[] requestBody, int status,
    Map<String, String> answerHeaders, byte[] answerBody, String failure) {

  String path() {
    int q = target.indexOf('?');
    return q < 0 ? target : target.substring(0, q);
  }

  String query() {
    int q = target.indexOf('?');
    return q < 0 ? "" : target.substring(q + 1);
  }
}
