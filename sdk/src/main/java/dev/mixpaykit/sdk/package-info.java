/**
 * A validated Java client for MixPay's one-time payment API.
 *
 * <p>Start with {@link dev.mixpaykit.sdk.MixPayClient}. Everything a caller touches is in this
 * package; {@code dev.mixpaykit.sdk.internal.generated} is generated from the OpenAPI
 * description at build time and is not part of the API.
 */
package dev.mixpaykit.sdk;
