package io.logplane.node.internal.images;

import io.logplane.node.internal.runtime.ImageSource.RegistryAuth;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GET requests to one repository of an OCI distribution (registry v2) server, authenticated as
 * the registry asks in its 401 answer: a bearer token from its token service (with the
 * credentials, if any, as basic auth), or basic auth itself. {@code docker.io} is
 * {@code registry-1.docker.io}; a registry on a loopback address or {@code localhost} is
 * spoken to in plain HTTP, any other over HTTPS. Redirects (blob storage) are followed without
 * the registry's credentials.
 */
final class RegistryClient {

  private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  private static final int MAX_REDIRECTS = 5;

  private final HttpClient http;
  private final URI base;
  private final String repository;
  private final RegistryAuth auth;
  private String authorization;

  /** @param auth the credentials for this registry, or null to pull anonymously */
  RegistryClient(HttpClient http, ImageRef ref, RegistryAuth auth) {
    this.http = http;
    this.base = URI.create(scheme(ref.domain()) + "://" + host(ref.domain()));
    this.repository = ref.path();
    this.auth = auth;
  }

  static HttpClient newHttpClient() {
    return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(30)).build();
  }

  /** {@code GET /v2/REPOSITORY/KIND/REFERENCE}, streamed; the caller closes the body. */
  HttpResponse<InputStream> get(String kind, String reference, String accept) throws IOException {
    URI uri = base.resolve("/v2/" + repository + "/" + kind + "/" + reference);
    HttpResponse<InputStream> response = send(uri, accept, authorization);
    if (response.statusCode() == 401) {
      String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
      response.body().close();
      authorization = authorize(challenge, uri);
      response = send(uri, accept, authorization);
    }
    for (int i = 0; i < MAX_REDIRECTS && response.statusCode() / 100 == 3; i++) {
      URI location = uri.resolve(response.headers().firstValue("Location").orElseThrow(
          () -> new IOException("redirect without a Location from " + uri)));
      response.body().close();
      response = send(location, accept, null);
    }
    return response;
  }

  /** The failure a registry answer stands for, worded as containerd words it. */
  static IOException unexpected(String method, HttpResponse<InputStream> response) throws IOException {
    String body = new String(response.body().readNBytes(512), StandardCharsets.UTF_8).strip();
    response.body().close();
    return new IOException("unexpected status from " + method + " request to " + response.uri() + ": "
        + response.statusCode() + (body.isEmpty() ? "" : " " + body));
  }

  private HttpResponse<InputStream> send(URI uri, String accept, String authorizationHeader) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(Duration.ofMinutes(10));
    if (accept != null) {
      request.header("Accept", accept);
    }
    if (authorizationHeader != null) {
      request.header("Authorization", authorizationHeader);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw unanswered(uri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while requesting " + uri, e);
    }
  }

  /**
   * A request that got no answer, worded as containerd words it (Go's network errors), since
   * the kubelet's event shows it: Java's HttpClient gives a name that does not resolve, or a
   * connection refused, as a {@code ConnectException} without a message.
   */
  static IOException unanswered(URI uri, IOException e) {
    String dial = "dial tcp " + uri.getHost() + ":" + (uri.getPort() >= 0 ? uri.getPort()
        : "https".equals(uri.getScheme()) ? 443 : 80);
    String why;
    if (causedBy(e, UnresolvedAddressException.class) || causedBy(e, UnknownHostException.class)) {
      why = "dial tcp: lookup " + uri.getHost() + ": no such host";
    } else if (e instanceof HttpConnectTimeoutException) {
      why = dial + ": i/o timeout";
    } else if (e instanceof ConnectException) {
      String message = message(e);
      // A refused connection is the one that closes the channel without a word.
      why = dial + ": connect: " + (message != null ? message.toLowerCase(Locale.ROOT)
          : causedBy(e, ClosedChannelException.class) ? "connection refused" : "connection failed");
    } else {
      String message = message(e);
      why = message != null ? message : e.getClass().getSimpleName();
    }
    return new IOException("failed to do request: Get \"" + uri + "\": " + why, e);
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> kind) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (kind.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** The first message along the causes, or null when none has one. */
  private static String message(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    return null;
  }

  /** The Authorization header that answers {@code challenge}. */
  private String authorize(String challenge, URI uri) throws IOException {
    if (challenge.regionMatches(true, 0, "Basic", 0, 5)) {
      if (auth == null) {
        throw new IOException("pull access denied, repository does not exist or may require authorization: "
            + uri + " asks for basic credentials and none were given");
      }
      return basic();
    }
    if (!challenge.regionMatches(true, 0, "Bearer", 0, 6)) {
      throw new IOException("unexpected status from GET request to " + uri + ": 401 Unauthorized");
    }
    Map<String, String> params = new LinkedHashMap<>();
    Matcher m = PARAM.matcher(challenge);
    while (m.find()) {
      params.put(m.group(1), m.group(2));
    }
    String realm = params.remove("realm");
    if (realm == null) {
      throw new IOException("bearer challenge without a realm from " + uri);
    }
    params.putIfAbsent("scope", "repository:" + repository + ":pull");
    // The parameters sorted by name, as Go's url.Values encodes them.
    StringBuilder query = new StringBuilder();
    new java.util.TreeMap<>(params).forEach((k, v) -> query.append(query.length() == 0 ? "?" : "&").append(k)
        .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    URI tokenUri = URI.create(realm + query);
    HttpResponse<InputStream> response = send(tokenUri, "application/json", auth == null ? null : basic());
    if (response.statusCode() != 200) {
      response.body().close();
      throw new AuthorizationFailed("failed to authorize: failed to fetch " + (auth == null ? "anonymous" : "oauth")
          + " token: unexpected status from GET request to " + tokenUri + ": " + response.statusCode()
          + reason(response.statusCode()));
    }
    try (InputStream body = response.body()) {
      var json = OciConfig.JSON.readTree(body);
      String token = json.path("token").asText(json.path("access_token").asText(""));
      if (token.isEmpty()) {
        throw new IOException("the token service " + realm + " answered without a token");
      }
      return "Bearer " + token;
    }
  }

  /** The token service refused the credentials (or their absence), worded as containerd words it. */
  static final class AuthorizationFailed extends IOException {
    AuthorizationFailed(String message) {
      super(message);
    }
  }

  private static String reason(int status) {
    return switch (status) {
      case 400 -> " Bad Request";
      case 401 -> " Unauthorized";
      case 403 -> " Forbidden";
      case 404 -> " Not Found";
      default -> "";
    };
  }

  private String basic() {
    return "Basic " + Base64.getEncoder().encodeToString(
        (auth.username() + ":" + auth.password()).getBytes(StandardCharsets.UTF_8));
  }

  static String host(String domain) {
    return domain.equals("docker.io") ? "registry-1.docker.io" : domain;
  }

  static String scheme(String domain) {
    String host = domain.replaceFirst(":\\d+$", "");
    boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    return loopback ? "http" : "https";
  }
}
