package io.logplane.api.certificates;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PemBlocksTest {

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void skipsTextAroundAndReadsHeaders() {
    String pem = "junk\n-----BEGIN A-----\nProc-Type: 4\n\nAQID\n-----END A-----\ntail\n-----BEGIN B-----\nBA==\n"
        + "-----END B-----\n";
    List<PemBlocks.Block> blocks = PemBlocks.all(bytes(pem));
    assertEquals(2, blocks.size());
    assertEquals("A", blocks.get(0).type());
    assertEquals(Map.of("Proc-Type", "4"), blocks.get(0).headers());
    assertArrayEquals(new byte[] {1, 2, 3}, blocks.get(0).bytes());
    assertArrayEquals(new byte[] {4}, blocks.get(1).bytes());
  }

  @Test
  void passesOverBrokenBlocks() {
    assertNull(PemBlocks.decode(bytes("-----BEGIN A-----\nAQID\n-----END B-----\n")).block());
    assertNull(PemBlocks.decode(bytes("-----BEGIN A-----\nA!ID\n-----END A-----\n")).block());
    assertNull(PemBlocks.decode(bytes("-----BEGIN A-----\nAQI\n-----END A-----\n")).block(), "padding required");
    PemBlocks.Block b = PemBlocks.decode(bytes("-----BEGIN A-----\nAQ=\n-----END A-----\n-----BEGIN C-----\nAQID\n"
        + "-----END C-----")).block();
    assertEquals("C", b.type());
  }

  @Test
  void encodesAsGo() {
    assertEquals("-----BEGIN X-----\nAQID\n-----END X-----\n", PemBlocks.encode("X", new byte[] {1, 2, 3}));
    assertArrayEquals(new byte[] {1, 2, 3}, PemBlocks.decode(bytes(PemBlocks.encode("X", new byte[] {1, 2, 3})))
        .block().bytes());
  }
}
