package io.logplane.controllers.ingress;

import io.vertx.core.http.HttpServerRequest;

/** The proxy's own answers, worded as ingress-nginx's: its default backend's 404, nginx's 502 and 503. */
final class Answers {

  private Answers() {}

  /** No rule and no default backend matches. */
  static void notFound(HttpServerRequest req) {
    send(req, 404, "default backend - 404");
  }

  /** The backend Service is missing, or has no ready endpoint. */
  static void unavailable(HttpServerRequest req) {
    send(req, 503, page("503 Service Temporarily Unavailable"));
  }

  /** The endpoint chosen could not be reached. */
  static void badGateway(HttpServerRequest req) {
    send(req, 502, page("502 Bad Gateway"));
  }

  private static String page(String title) {
    return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
        + "</h1></center>\r\n<hr><center>logplane</center>\r\n</body>\r\n</html>\r\n";
  }

  private static void send(HttpServerRequest req, int status, String body) {
    if (req.response().headWritten() || req.response().ended()) {
      req.response().reset();
      return;
    }
    req.resume();
    req.response().setStatusCode(status)
        .putHeader("content-type", body.startsWith("<") ? "text/html" : "text/plain; charset=utf-8").end(body);
  }
}
