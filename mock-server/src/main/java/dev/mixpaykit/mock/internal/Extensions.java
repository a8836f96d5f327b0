package dev.mixpaykit.mock.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checked readers for {@code x-mixpay-*} extension values, used only while {@link SpecModel}
 * loads: a value of the wrong shape is a {@link Malformed} naming the extension and where it is.
 */
final class Extensions {

  /** An extension that does not have the shape the spec's overview describes. */
  static final class Malformed extends IllegalArgumentException {
    Malformed(String message) {
      super(message);
    }
  }

  private Extensions() {}

  static Object get(Map<String, Object> extensions, String name) {
    return extensions == null ? null : extensions.get(name);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object value, String name) {
    if (value instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw new Malformed(name + " must be an object, not " + describe(value));
  }

  static List<?> list(Object value, String name) {
    if (value instanceof List<?> l) {
      return l;
    }
    throw new Malformed(name + " must be a list, not " + describe(value));
  }

  static int integer(Object value, String name) {
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
        && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
      return n.intValue();
    }
    throw new Malformed(name + " must be an integer, not " + describe(value));
  }

  static int positive(Object value, String name) {
    int n = integer(value, name);
    if (n < 1) {
      throw new Malformed(name + " must be positive, not " + n);
    }
    return n;
  }

  static int nonNegative(Object value, String name) {
    int n = integer(value, name);
    if (n < 0) {
      throw new Malformed(name + " must not be negative, not " + n);
    }
    return n;
  }

  static List<String> names(Object value, String name) {
    List<String> out = new ArrayList<>();
    for (Object o : list(value, name)) {
      if (!(o instanceof String s) || s.isEmpty()) {
        throw new Malformed(name + " must list property names, not " + describe(o));
      }
      out.add(s);
    }
    if (out.isEmpty()) {
      throw new Malformed(name + " must not be empty");
    }
    return List.copyOf(out);
  }

  static List<List<String>> listOfNameLists(Object value, String name) {
    List<List<String>> out = new ArrayList<>();
    for (Object o : list(value, name)) {
      out.add(names(o, name + " entry"));
    }
    return List.copyOf(out);
  }

  private static String describe(Object value) {
    if (value == null) {
      return "nothing";
    }
    String text = String.valueOf(value);
    return (value instanceof String ? "\"" + text + "\"" : text).length() > 60
        ? text.substring(0, 60) + "..." : (value instanceof String ? "\"" + text + "\"" : text);
  }
}
