package io.logplane.node.internal.streams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelProtocolTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void binaryMessagesAreTheChannelByteThenTheBytes() {
    assertArrayEquals(new byte[] {1, 'h', 'i'}, ChannelProtocol.V5.encode(1, b("hi")));
    assertArrayEquals(new byte[] {3}, ChannelProtocol.V4.encode(3, new byte[0]));
    assertEquals(new ChannelProtocol.Frame(0, b("ls\n")), ChannelProtocol.V5.decode(new byte[] {0, 'l', 's', '\n'}));
    assertEquals(new ChannelProtocol.Frame(255, new byte[] {0}), ChannelProtocol.V5.decode(new byte[] {(byte) 255, 0}));
    assertNull(ChannelProtocol.V5.decode(new byte[0]));
  }

  @Test
  void base64MessagesAreTheChannelDigitThenBase64() {
    assertEquals("1aGk=", new String(ChannelProtocol.V4_BASE64.encode(1, b("hi")), StandardCharsets.US_ASCII));
    assertEquals(new ChannelProtocol.Frame(4, b("{\"Width\":80}")),
        ChannelProtocol.V1_BASE64.decode(b("4eyJXaWR0aCI6ODB9")));
  }

  @Test
  void namesInPreferenceAndWhatEachVersionAdds() {
    assertEquals(List.of("v5.channel.k8s.io", "v4.channel.k8s.io", "v4.base64.channel.k8s.io", "channel.k8s.io",
        "base64.channel.k8s.io"), ChannelProtocol.names());
    assertTrue(ChannelProtocol.V5.closeSignal());
    assertFalse(ChannelProtocol.V4.closeSignal());
    assertTrue(ChannelProtocol.V4.jsonStatus());
    assertFalse(ChannelProtocol.V1.jsonStatus());
    assertEquals(ChannelProtocol.V1, ChannelProtocol.of(""));
    assertEquals(ChannelProtocol.V1, ChannelProtocol.of(null));
    assertThrows(IllegalArgumentException.class, () -> ChannelProtocol.of("v9.channel.k8s.io"));
  }
}
