package io.logplane.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * HTTP/1.1 GETs over a plain socket, one at a time: a new connection for each with keep-alive
 * off ({@code Connection: close}), else one kept while the server keeps it. Only what the bench
 * needs of HTTP: a status line, headers, and a body of {@code Content-Length} bytes or up to the
 * end of the connection. Not thread-safe: one per client thread.
 */
final class HttpGets implements AutoCloseable {
  private final InetSocketAddress target;
  private final boolean keepAlive;
  private final int timeoutMillis;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private int connections;

  HttpGets(InetSocketAddress target, boolean keepAlive, Duration timeout) {
    this.target = target;
    this.keepAlive = keepAlive;
    this.timeoutMillis = (int) timeout.toMillis();
  }

  /** The body of a GET of {@code path}; an answer other than 200 is an {@link IOException}. */
  String get(String path) throws IOException {
    if (socket == null) {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(timeoutMillis);
      socket.connect(target, timeoutMillis);
      in = new BufferedInputStream(socket.getInputStream());
      out = socket.getOutputStream();
      connections++;
    }
    boolean closes = !keepAlive;
    try {
      out.write(("GET " + path + " HTTP/1.1\r\nHost: " + target.getHostString() + "\r\n"
          + (keepAlive ? "" : "Connection: close\r\n") + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String status = line();
      int length = -1;
      for (String h = line(); !h.isEmpty(); h = line()) {
        String lower = h.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Integer.parseInt(lower.substring(15).strip());
        } else if (lower.startsWith("connection:") && lower.contains("close")) {
          closes = true;
        }
      }
      closes |= length < 0 || status.startsWith("HTTP/1.0");
      String body = new String(length < 0 ? in.readAllBytes() : in.readNBytes(length),
          StandardCharsets.UTF_8);
      if (!status.matches("HTTP/1\\.[01] 200\\b.*")) {
        throw new IOException(status.isEmpty() ? "no answer" : status);
      }
      return body;
    } catch (IOException | RuntimeException e) {
      closes = true;
      throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    } finally {
      if (closes) {
        close();
      }
    }
  }

  /** The connections opened so far. */
  int connections() {
    return connections;
  }

  private String line() throws IOException {
    StringBuilder b = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed mid-answer");
      }
      if (c != '\r') {
        b.append((char) c);
      }
    }
    return b.toString();
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing
      }
      socket = null;
    }
  }
}
