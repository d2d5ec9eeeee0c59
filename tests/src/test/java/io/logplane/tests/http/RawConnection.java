package io.logplane.tests.http;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 connection over TLS on which a test writes bytes exactly as it wants them (a head
 * with raw bytes in the target, a body cut short or trickled) and then reads the answer; what no
 * well-behaved client would send. Closed with the connection.
 */
public final class RawConnection implements AutoCloseable {

  private final SSLSocket socket;
  private final URI server;
  private final String authorization;

  RawConnection(SSLContext tls, URI server, String authorization) {
    this.server = server;
    this.authorization = authorization;
    try {
      socket = (SSLSocket) tls.getSocketFactory().createSocket(server.getHost(), server.getPort());
      socket.setSoTimeout(120_000);
      socket.startHandshake();
    } catch (IOException e) {
      throw new UncheckedIOException("connect to " + server + " failed", e);
    }
  }

  /**
   * The head of a request: the request line with {@code target} as bytes (ISO-8859-1, so any
   * byte can be written), Host, Accept JSON, the credentials, then the given header lines.
   */
  public byte[] head(String method, byte[] target, String... headers) {
    StringBuilder h = new StringBuilder();
    h.append("\r\nHost: ").append(server.getHost()).append(':').append(server.getPort())
        .append("\r\nAccept: application/json\r\n");
    if (authorization != null) {
      h.append("Authorization: ").append(authorization).append("\r\n");
    }
    for (String header : headers) {
      h.append(header).append("\r\n");
    }
    byte[] start = (method + " ").getBytes(StandardCharsets.ISO_8859_1);
    byte[] end = (" HTTP/1.1" + h + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[start.length + target.length + end.length];
    System.arraycopy(start, 0, all, 0, start.length);
    System.arraycopy(target, 0, all, start.length, target.length);
    System.arraycopy(end, 0, all, start.length + target.length, end.length);
    return all;
  }

  /** Writes bytes to the connection now. */
  public RawConnection write(byte[] bytes) {
    try {
      OutputStream out = socket.getOutputStream();
      out.write(bytes);
      out.flush();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads one answer (up to two minutes); fails the test when the connection ends without one. */
  public Response read() {
    try {
      return RawRequest.read(socket.getInputStream());
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no answer in two minutes", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // already gone
    }
  }
}
