package io.logplane.controllers.ingress;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import java.util.Locale;
import java.util.Set;

/**
 * The headers a proxied request or response carries on: the end-to-end ones (RFC 9110 §7.6.1:
 * no hop-by-hop header, nor one the {@code Connection} header names), and on a request the
 * {@code X-Forwarded-For/Host/Port/Proto} and {@code X-Real-IP} ingress-nginx adds.
 */
final class Forwarded {

  private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
      "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host",
      "http2-settings");

  private Forwarded() {}

  /** Copies the end-to-end headers of {@code from} into {@code to}. */
  static void copy(MultiMap from, MultiMap to) {
    Set<String> named = new java.util.HashSet<>();
    for (String c : from.getAll("connection")) {
      for (String n : c.split(",")) {
        named.add(n.trim().toLowerCase(Locale.ROOT));
      }
    }
    from.forEach((name, value) -> {
      String n = name.toLowerCase(Locale.ROOT);
      if (!HOP_BY_HOP.contains(n) && !named.contains(n) && !n.startsWith(":")) {
        to.add(name, value);
      }
    });
  }

  /** The request headers to send upstream. */
  static MultiMap request(HttpServerRequest req, boolean tls) {
    MultiMap out = MultiMap.caseInsensitiveMultiMap();
    copy(req.headers(), out);
    String client = req.remoteAddress() == null ? "" : req.remoteAddress().hostAddress();
    String prior = req.headers().get("x-forwarded-for");
    out.set("X-Forwarded-For", prior == null || prior.isBlank() ? client : prior + ", " + client);
    out.set("X-Real-IP", client);
    HostAndPort authority = req.authority();
    if (authority != null) {
      out.set("X-Forwarded-Host", authority.host());
    }
    out.set("X-Forwarded-Port", String.valueOf(req.localAddress() == null ? 0 : req.localAddress().port()));
    out.set("X-Forwarded-Proto", tls ? "https" : "http");
    return out;
  }
}
