package dev.mixpaykit.sdk;

/** How the request body goes on the wire. MixPay accepts both. */
public enum BodyEncoding {
  /** {@code application/x-www-form-urlencoded}, as MixPay's own examples send it. Default. */
  FORM,
  /** {@code application/json}. */
  JSON
}
