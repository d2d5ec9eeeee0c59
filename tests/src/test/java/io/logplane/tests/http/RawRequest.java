package io.logplane.tests.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 request whose target is sent byte for byte as given: the JDK's client refuses
 * to build a URI with a malformed percent-escape, which is exactly what a test of the server's
 * answer to one must send.
 */
final class RawRequest {

  private RawRequest() {}

  static Response send(SSLContext tls, URI server, String authorization, String method, String target) {
    try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(server.getHost(), server.getPort())) {
      socket.setSoTimeout(60_000);
      socket.startHandshake();
      StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: " + server.getHost() + ":"
          + server.getPort() + "\r\nAccept: application/json\r\nConnection: close\r\n");
      if (authorization != null) {
        head.append("Authorization: ").append(authorization).append("\r\n");
      }
      OutputStream out = socket.getOutputStream();
      out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + target + " failed", e);
    }
  }

  static Response read(InputStream in) throws IOException {
    String status = line(in);
    int code = Integer.parseInt(status.split(" ")[1]);
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String l = line(in); !l.isEmpty(); l = line(in)) {
      int colon = l.indexOf(':');
      headers.computeIfAbsent(l.substring(0, colon).trim(), k -> new ArrayList<>()).add(l.substring(colon + 1).trim());
    }
    boolean chunked = headers.getOrDefault("Transfer-Encoding", List.of()).stream()
        .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"));
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (chunked) {
      for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
          size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
        body.write(in.readNBytes(size));
        line(in);
      }
    } else if (headers.containsKey("Content-Length")) {
      body.write(in.readNBytes(Integer.parseInt(headers.get("Content-Length").get(0))));
    } else {
      body.write(in.readAllBytes());
    }
    return new Response(code, HttpHeaders.of(headers, (a, b) -> true), body.toByteArray());
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }
}
