package dev.mixpaykit.mock;

/**
 * Which coming request a test control applies to: any request, or one whose body carries the
 * given {@code payeeId} and/or {@code orderId}.
 */
public final class RequestMatch {

  private static final RequestMatch ANY = new RequestMatch(null, null);

  final String payeeId;
  final String orderId;

  private RequestMatch(String payeeId, String orderId) {
    this.payeeId = payeeId;
    this.orderId = orderId;
  }

  /** The next request to any route of the spec. */
  public static RequestMatch any() {
    return ANY;
  }

  /** The next request for this payee. */
  public static RequestMatch payeeId(String payeeId) {
    return new RequestMatch(require(payeeId, "payeeId"), null);
  }

  /** The next request for this order id. */
  public static RequestMatch orderId(String orderId) {
    return new RequestMatch(null, require(orderId, "orderId"));
  }

  /** The next request for this payee's order. */
  public static RequestMatch order(String payeeId, String orderId) {
    return new RequestMatch(require(payeeId, "payeeId"), require(orderId, "orderId"));
  }

  private static String require(String value, String name) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
    return value;
  }

  @Override
  public String toString() {
    return payeeId == null && orderId == null ? "any request"
        : "request with" + (payeeId == null ? "" : " payeeId=" + payeeId)
            + (orderId == null ? "" : " orderId=" + orderId);
  }
}
