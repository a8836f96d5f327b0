package dev.mixpaykit.sdk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP/1.1 server answering each request with the next scripted raw answer, for
 * what the mock cannot do: a body that stalls half-way, any header. {@link #STALL} sends the
 * given prefix and then holds the connection open until {@link #close()}. A script's chars
 * are its bytes (ISO-8859-1); {@link #answer} encodes its body as UTF-8.
 */
final class ScriptedServer implements AutoCloseable {

  static final String STALL = "<stall>";

  private final ServerSocket socket;
  private final ConcurrentLinkedQueue<String> answers = new ConcurrentLinkedQueue<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  final AtomicInteger requests = new AtomicInteger();

  ScriptedServer(String... script) throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    answers.addAll(List.of(script));
    Thread acceptor = new Thread(this::accept, "scripted-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  /** Headers and the start of a JSON body whose Content-Length promises more. */
  static String stalledBody() {
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
        + "{\"code\":0," + STALL;
  }

  static String answer(int status, String headers, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return "HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\n" + headers
        + "Content-Length: " + bytes.length + "\r\n\r\n"
        + new String(bytes, StandardCharsets.ISO_8859_1);
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        open.add(s);
        Thread t = new Thread(() -> serve(s), "scripted-connection");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
      while (readRequest(in)) {
        requests.incrementAndGet();
        String answer = answers.poll();
        if (answer == null) {
          answer = answer(500, "", "{}");
        }
        int stall = answer.indexOf(STALL);
        out.write((stall < 0 ? answer : answer.substring(0, stall))
            .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        if (stall >= 0) {
          closed.await(); // hold the connection, mid-body, until the test ends
          return;
        }
      }
    } catch (IOException | InterruptedException e) {
      // the client went away
    }
  }

  /** Reads one request's headers and body; false at the end of the stream. */
  private static boolean readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      head.write(b);
      byte[] h = head.toByteArray();
      int n = h.length;
      if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
        int length = 0;
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
          if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
            length = Integer.parseInt(line.substring(15).trim());
          }
        }
        in.readNBytes(length);
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    closed.countDown();
    socket.close();
    for (Socket s : open) {
      s.close();
    }
  }
}
