package io.logplane.api.auth;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A bearer token carried in the WebSocket subprotocol list, as kube-apiserver's protocol
 * authenticator reads it: browsers cannot set an {@code Authorization} header on a WebSocket,
 * so the token travels as the subprotocol {@code base64url.bearer.authorization.k8s.io.<token>}
 * (base64url, no padding) next to at least one other subprotocol. The server must not echo the
 * token back, so after a successful authentication the caller replaces the request's
 * {@code Sec-WebSocket-Protocol} header with {@link #others()}, of which the server echoes one.
 *
 * @param token  the decoded token, or null when the header carries none
 * @param others the offered subprotocols other than the bearer one, in the client's order
 */
public record WebSocketBearer(String token, List<String> others) {

  public static final String PREFIX = "base64url.bearer.authorization.k8s.io.";

  /** A malformed bearer subprotocol; the request is then unauthenticated, as in kube. */
  public static final class Invalid extends Exception {
    public Invalid(String message) {
      super(message);
    }
  }

  /**
   * Reads every {@code Sec-WebSocket-Protocol} header value (each a comma-separated list).
   *
   * @throws Invalid on two bearer protocols, bad base64url or UTF-8, or no other protocol
   */
  public static WebSocketBearer parse(List<String> headerValues) throws Invalid {
    String token = null;
    List<String> others = new ArrayList<>();
    for (String header : headerValues) {
      for (String p : header.split(",")) {
        String protocol = p.trim();
        if (protocol.isEmpty()) {
          continue;
        }
        if (!protocol.startsWith(PREFIX)) {
          others.add(protocol);
          continue;
        }
        if (token != null) {
          throw new Invalid("multiple base64.bearer.authorization tokens specified");
        }
        token = decode(protocol.substring(PREFIX.length()));
      }
    }
    if (token != null && !token.isEmpty() && others.isEmpty()) {
      throw new Invalid("missing additional subprotocol");
    }
    return new WebSocketBearer(token == null || token.isEmpty() ? null : token, List.copyOf(others));
  }

  private static String decode(String encoded) throws Invalid {
    byte[] bytes;
    try {
      // kube decodes with RawURLEncoding: padding is not allowed.
      if (encoded.indexOf('=') >= 0) {
        throw new IllegalArgumentException("padding");
      }
      bytes = Base64.getUrlDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new Invalid("invalid base64.bearer.authorization token encoding");
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new Invalid("invalid base64.bearer.authorization token");
    }
  }

  /** The subprotocol a browser offers for token; {@code others} must still be offered too. */
  public static String protocolOf(String token) {
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(token.getBytes(StandardCharsets.UTF_8));
  }
}
