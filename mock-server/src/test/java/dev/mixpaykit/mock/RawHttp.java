package dev.mixpaykit.mock;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 by hand, for requests no well-behaved client sends (malformed percent escapes,
 * arbitrary bytes): one request per connection, read to the end, with a deadline.
 */
final class RawHttp {

  /** A parsed answer. */
  record Answer(int status, Map<String, String> headers, String body) {}

  private RawHttp() {}

  static Answer send(int port, String head, byte[] body) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      IOException writeFailed = null;
      try {
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
      } catch (IOException e) {
        // A server that refuses an oversized request may answer and close before all of it is
        // written (a warm JVM is fast enough to): its answer is still there to read.
        writeFailed = e;
      }
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      try {
        in.transferTo(all);
      } catch (IOException e) {
        if (all.size() == 0) {
          throw writeFailed != null ? writeFailed : e;
        }
      }
      if (all.size() == 0 && writeFailed != null) {
        throw writeFailed;
      }
      return parse(all.toString(StandardCharsets.UTF_8));
    }
  }

  static Answer get(int port, String target) throws IOException {
    return send(port, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
        new byte[0]);
  }

  static Answer post(int port, String target, String contentType, byte[] body)
      throws IOException {
    return send(port, "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        + "Content-Type: " + contentType + "\r\nContent-Length: " + body.length + "\r\n\r\n", body);
  }

  private static Answer parse(String text) {
    int end = text.indexOf("\r\n\r\n");
    String[] lines = (end < 0 ? text : text.substring(0, end)).split("\r\n");
    int status = lines.length > 0 && lines[0].startsWith("HTTP/1.1 ")
        ? Integer.parseInt(lines[0].substring(9, 12)) : -1;
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    String body = end < 0 ? "" : text.substring(end + 4);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = unchunk(body);
    }
    return new Answer(status, headers, body);
  }

  private static String unchunk(String body) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (at < body.length()) {
      int eol = body.indexOf("\r\n", at);
      if (eol < 0) {
        break;
      }
      int size = Integer.parseInt(body.substring(at, eol).split(";")[0].trim(), 16);
      if (size == 0) {
        break;
      }
      out.append(body, eol + 2, eol + 2 + size);
      at = eol + 2 + size + 2;
    }
    return out.toString();
  }
}
