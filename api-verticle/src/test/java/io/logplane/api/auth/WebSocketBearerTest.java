package io.logplane.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class WebSocketBearerTest {

  @Test
  void readsTheTokenAndKeepsTheOtherProtocolsInOrder() throws Exception {
    String bearer = WebSocketBearer.protocolOf("abc.DEF-123");
    WebSocketBearer b = WebSocketBearer.parse(List.of("v1.a, " + bearer, "v2.b"));
    assertEquals("abc.DEF-123", b.token());
    assertEquals(List.of("v1.a", "v2.b"), b.others());
  }

  @Test
  void encodesAsBase64UrlWithoutPadding() {
    // "a?>" encodes to "YT8-" in base64url ("YT8+" in plain base64); "ab" would need padding.
    assertEquals(WebSocketBearer.PREFIX + "YT8-", WebSocketBearer.protocolOf("a?>"));
    assertEquals(WebSocketBearer.PREFIX + "YWI", WebSocketBearer.protocolOf("ab"));
  }

  @Test
  void withoutBearerProtocolThereIsNoToken() throws Exception {
    WebSocketBearer b = WebSocketBearer.parse(List.of("v4.channel.k8s.io"));
    assertNull(b.token());
    assertEquals(List.of("v4.channel.k8s.io"), b.others());
  }

  @Test
  void aBearerAloneIsRefusedSoTheTokenIsNeverEchoed() {
    var e = assertThrows(WebSocketBearer.Invalid.class,
        () -> WebSocketBearer.parse(List.of(WebSocketBearer.protocolOf("t"))));
    assertEquals("missing additional subprotocol", e.getMessage());
  }

  @Test
  void twoBearersAreRefused() {
    assertThrows(WebSocketBearer.Invalid.class, () -> WebSocketBearer.parse(
        List.of(WebSocketBearer.protocolOf("a") + "," + WebSocketBearer.protocolOf("b") + ",x")));
  }

  @Test
  void paddingAndBadAlphabetAreRefused() {
    assertThrows(WebSocketBearer.Invalid.class, () -> WebSocketBearer.parse(List.of(WebSocketBearer.PREFIX + "YWI=,x")));
    assertThrows(WebSocketBearer.Invalid.class, () -> WebSocketBearer.parse(List.of(WebSocketBearer.PREFIX + "YT8+,x")));
  }

  @Test
  void invalidUtf8IsRefused() {
    // 0xC3 0x28 is not UTF-8.
    assertThrows(WebSocketBearer.Invalid.class, () -> WebSocketBearer.parse(List.of(WebSocketBearer.PREFIX + "wyg,x")));
  }
}
