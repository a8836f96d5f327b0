package dev.mixpaykit.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import dev.mixpaykit.sdk.internal.Operation;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The one step from a validated generated model to the bytes on the wire. Method, path and
 * parameter names are the spec's, from the generated {@link Operation}s; field values are read
 * from the model's own getters (the names in its {@code @JsonProperty}, also the spec's).
 * Decimals are written in plain notation, never {@code 1E+3}.
 */
final class RequestEncoder {

  private final String baseUrl;
  private final Duration timeout;
  private final String userAgent;
  private final BodyEncoding encoding;
  private final ObjectMapper mapper;
  private final Map<Class<?>, Map<String, AnnotatedMember>> getters = new HashMap<>();

  RequestEncoder(String baseUrl, Duration timeout, String userAgent, BodyEncoding encoding,
      ObjectMapper mapper) {
    this.baseUrl = baseUrl;
    this.timeout = timeout;
    this.userAgent = userAgent;
    this.encoding = encoding;
    this.mapper = mapper;
  }

  /** A request whose body carries the model's non-null fields, in the spec's order. */
  HttpRequest body(Operation op, Object model) {
    byte[] body;
    String contentType;
    if (encoding == BodyEncoding.JSON) {
      try {
        body = mapper.writeValueAsBytes(model);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write a validated model as JSON", e);
      }
      contentType = "application/json";
    } else {
      Map<String, AnnotatedMember> fields = getters(model.getClass());
      StringJoiner form = new StringJoiner("&");
      for (Operation.Parameter field : op.formFields()) {
        String name = field.name();
        AnnotatedMember getter = fields.get(name);
        if (getter == null) {
          throw new IllegalStateException("the generated model has no field " + name);
        }
        Object value = getter.getValue(model);
        if (value != null) {
          form.add(encode(name) + "=" + encode(text(value)));
        }
      }
      body = form.toString().getBytes(StandardCharsets.US_ASCII);
      contentType = "application/x-www-form-urlencoded";
    }
    return start(op, "").header("Content-Type", contentType)
        .method(op.method(), HttpRequest.BodyPublishers.ofByteArray(body)).build();
  }

  /** A request with these query values (null ones left out), in the spec's order. */
  HttpRequest query(Operation op, Map<String, ?> values) {
    StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
    for (Operation.Parameter p : op.query()) {
      Object value = values.get(p.name());
      if (value != null) {
        query.add(encode(p.name()) + "=" + encode(text(value)));
      }
    }
    return start(op, query.toString()).method(op.method(), HttpRequest.BodyPublishers.noBody())
        .build();
  }

  private HttpRequest.Builder start(Operation op, String query) {
    return HttpRequest.newBuilder(URI.create(baseUrl + op.path() + query))
        .timeout(timeout)
        .header("Accept", "application/json")
        .header("User-Agent", userAgent);
  }

  private synchronized Map<String, AnnotatedMember> getters(Class<?> type) {
    return getters.computeIfAbsent(type, t -> {
      JavaType javaType = mapper.constructType(t);
      List<BeanPropertyDefinition> properties = mapper.getSerializationConfig()
          .introspect(javaType).findProperties();
      Map<String, AnnotatedMember> byName = new HashMap<>();
      for (BeanPropertyDefinition p : properties) {
        if (p.getAccessor() != null) {
          byName.put(p.getName(), p.getAccessor());
        }
      }
      return byName;
    });
  }

  private static String text(Object value) {
    return value instanceof BigDecimal d ? d.toPlainString() : String.valueOf(value);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
