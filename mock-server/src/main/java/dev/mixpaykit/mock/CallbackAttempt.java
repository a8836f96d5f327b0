package dev.mixpaykit.mock;

import java.net.URI;
import java.time.Instant;

/**
 * One delivery of a payment callback by the mock.
 *
 * @param paymentCode the payment the callback is about
 * @param event the state change it reports: {@code success}, {@code fail}, or one the request
 *     subscribed to ({@code settle}, {@code pending}, {@code paid_less})
 * @param url where it was sent
 * @param attempt 1 for the first delivery, up to the length of MixPay's retry schedule
 * @param sentAt when it was sent (or refused)
 * @param httpStatus the answer's status, or 0 when none came
 * @param answer the answer's body (at most 1000 characters), or null
 * @param error why nothing usable came back (timeout, refused, connection failure), or null
 * @param accepted true when the answer was HTTP 200 with {@code {"code":"SUCCESS"}}
 */
public record CallbackAttempt(String paymentCode, String event, URI url, int attempt, Instant sentAt,
    int httpStatus, String answer, String error, boolean accepted) {}
