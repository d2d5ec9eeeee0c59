package io.logplane.api.ui;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The UI's static files, read once from the classpath and served from memory under
 * {@code /ui/}. A fixed list, so that nothing else on the classpath can be fetched through it.
 * Every answer carries a Content-Security-Policy allowing only this origin: the page loads no
 * script, style or font from elsewhere, and talks only to this server.
 */
public final class UiAssets {

  /** Where the files live on the classpath. */
  static final String ROOT = "io/logplane/ui/";

  /** The files and their media types; {@code /ui/} is index.html. */
  static final Map<String, String> FILES = Map.of(
      "index.html", "text/html; charset=utf-8",
      "style.css", "text/css; charset=utf-8",
      "api.js", "text/javascript; charset=utf-8",
      "render.js", "text/javascript; charset=utf-8",
      "diff.js", "text/javascript; charset=utf-8",
      "timeline.js", "text/javascript; charset=utf-8",
      "object.js", "text/javascript; charset=utf-8",
      "app.js", "text/javascript; charset=utf-8");

  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private static volatile UiAssets shared;

  private final Map<String, byte[]> bodies;

  private UiAssets(Map<String, byte[]> bodies) {
    this.bodies = bodies;
  }

  /** The files as loaded once per class loader (they never change while running). */
  public static UiAssets shared() {
    UiAssets s = shared;
    if (s == null) {
      s = load();
      shared = s;
    }
    return s;
  }

  /** Reads every file of {@link #FILES}; a missing one is a packaging bug and fails fast. */
  public static UiAssets load() {
    Map<String, byte[]> bodies = new LinkedHashMap<>();
    for (String name : FILES.keySet()) {
      try (InputStream in = UiAssets.class.getClassLoader().getResourceAsStream(ROOT + name)) {
        if (in == null) {
          throw new IllegalStateException("UI file " + ROOT + name + " is missing from the classpath");
        }
        bodies.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new UiAssets(bodies);
  }

  /** True for the paths this class answers: {@code /ui} and everything under {@code /ui/}. */
  public static boolean handles(String path) {
    return path.equals("/ui") || path.startsWith("/ui/");
  }

  /** The file name a path names, or null when there is none (404). */
  static String fileOf(String path) {
    String rest = path.substring("/ui/".length());
    if (rest.isEmpty()) {
      return "index.html";
    }
    return FILES.containsKey(rest) ? rest : null;
  }

  /** The body of a file of {@link #FILES}. */
  byte[] body(String name) {
    return bodies.get(name);
  }

  /** Answers a GET or HEAD for a path that {@link #handles(String)}. */
  public void serve(RoutingContext ctx, String path) {
    HttpServerResponse response = ctx.response()
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("Content-Security-Policy", CSP);
    HttpMethod method = ctx.request().method();
    if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
      response.setStatusCode(405).putHeader("Allow", "GET, HEAD").end();
      return;
    }
    if (path.equals("/ui")) {
      String query = ctx.request().query();
      response.setStatusCode(301).putHeader("Location", "/ui/" + (query == null ? "" : "?" + query)).end();
      return;
    }
    String name = fileOf(path);
    if (name == null) {
      response.setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8").end("not found\n");
      return;
    }
    byte[] body = bodies.get(name);
    response.putHeader("Content-Type", FILES.get(name)).putHeader("Cache-Control", "no-cache");
    if (method == HttpMethod.HEAD) {
      response.putHeader("Content-Length", Integer.toString(body.length)).end();
    } else {
      response.end(Buffer.buffer(body));
    }
  }
}
