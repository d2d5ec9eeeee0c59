package io.logplane.api.nodeproxy;

import io.logplane.api.http.ApiException;
import java.net.ConnectException;
import java.util.List;

/**
 * How kube-apiserver answers when the node's server refuses a proxied request
 * ({@code GenericHttpResponseChecker}) or cannot be reached (the client's error as it is, a 500
 * of no reason), so that {@code kubectl} prints what it prints against a kubelet.
 */
public final class Upstream {
  /** What of a refusal's body is read at most. */
  public static final int MAX_BODY = 50_000;

  private Upstream() {}

  /**
   * The Status of a node's answer of {@code code} (not 2xx) with {@code body}.
   *
   * @param resource the proxied subresource, as {@code pods/log}
   * @param name     the object's name
   */
  public static ApiException refused(int code, String body, String resource, String name) {
    if (code == 500) {
      return new ApiException(500, "InternalError", "Internal error occurred: " + body, null, null, null,
          List.of(new ApiException.Cause("", body, null)));
    }
    if (code == 400) {
      return ApiException.badRequest(body);
    }
    String reason = switch (code) {
      case 404 -> "NotFound";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 409 -> "Conflict";
      case 422 -> "Invalid";
      case 429 -> "TooManyRequests";
      case 503 -> "ServiceUnavailable";
      case 504 -> "Timeout";
      default -> code > 500 ? "InternalError" : "";
    };
    String message = switch (code) {
      case 404 -> "the server could not find the requested resource";
      case 401 -> "the server has asked for the client to provide credentials";
      case 403 -> body;
      case 409 -> "the server reported a conflict";
      case 422 -> "the server rejected our request due to an error in our request";
      case 429 -> "the server has received too many requests and has asked us to try again later";
      case 503 -> "the server is currently unable to handle the request";
      case 504 -> "the server was unable to return a response in the time allotted, but may still be"
          + " processing the request";
      default -> code > 500 ? "an error on the server (\"" + body + "\") has prevented the request from"
          + " succeeding" : "the server responded with the status code " + code
          + " but did not return more information";
    };
    return new ApiException(code, reason, message + " ( " + resource + " " + name + ")", name, "", resource,
        null);
  }

  /**
   * The 500 of a node that could not be reached, worded as Go's client error: {@code Get "url":
   * dial tcp host:port: connect: connection refused}.
   */
  public static ApiException unreachable(String url, String hostPort, Throwable t) {
    return ApiException.of(500, "", "Get \"" + url + "\": " + dialError(hostPort, t));
  }

  /**
   * Go's dialer's words for a connection to {@code hostPort} that failed with {@code t}:
   * {@code dial tcp host:port: connect: connection refused}.
   */
  public static String dialError(String hostPort, Throwable t) {
    if (t instanceof ConnectException) {
      return "dial tcp " + hostPort + ": connect: " + errno(String.valueOf(t.getMessage()));
    } else if (t.getClass().getSimpleName().contains("Timeout")) {
      return "dial tcp " + hostPort + ": i/o timeout";
    } else if (t instanceof java.net.UnknownHostException) {
      return "dial tcp: lookup " + hostPort.substring(0, hostPort.lastIndexOf(':')) + ": no such host";
    }
    return String.valueOf(t.getMessage());
  }

  /**
   * Go's words for a failed connect, from the JDK's ({@code Connection refused: /host:port})
   * or Netty's native transport's ({@code finishConnect(..) failed with error(-111)},
   * {@code connect(..) failed: No route to host}) message.
   */
  static String errno(String message) {
    String m = message.toLowerCase(java.util.Locale.ROOT);
    if (m.contains("refused") || m.contains("error(-111)")) {
      return "connection refused";
    } else if (m.contains("no route") || m.contains("error(-113)")) {
      return "no route to host";
    } else if (m.contains("network is unreachable") || m.contains("error(-101)")) {
      return "network is unreachable";
    } else if (m.contains("timed out") || m.contains("error(-110)")) {
      return "connection timed out";
    }
    return m;
  }
}
