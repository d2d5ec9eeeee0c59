package io.logplane.kubeclient.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client's pure parts: which connection takes a stream, and line cutting. */
class ClientLogicTest {
  private static int pick(int[] streams, long[] limits, int start, boolean mayOpen) {
    return Connections.pick(streams.length, i -> streams[i], i -> limits[i], start, mayOpen);
  }

  @Test
  void theRoundRobinPickTakesTheStreamWhileItHasRoom() {
    assertEquals(1, pick(new int[] {5, 5}, new long[] {100, 100}, 1, true));
    assertEquals(0, pick(new int[] {99}, new long[] {100}, 0, true));
  }

  @Test
  void aFullConnectionPassesTheStreamToTheNextWithRoom() {
    assertEquals(2, pick(new int[] {100, 100, 3}, new long[] {100, 100, 100}, 0, true));
    assertEquals(0, pick(new int[] {7, 250}, new long[] {250, 250}, 1, true));
  }

  @Test
  void whenAllAreFullAnotherIsOpenedAsClientGoDoes() {
    assertEquals(-1, pick(new int[] {100, 100}, new long[] {100, 100}, 0, true));
  }

  @Test
  void atTheMostConnectionsTheStreamWaitsOnTheLeastLoaded() {
    assertEquals(1, pick(new int[] {104, 101, 103}, new long[] {100, 100, 100}, 0, false));
    assertEquals(2, pick(new int[] {1, 1, 1}, new long[] {1, 1, 1}, 2, false));
  }

  @Test
  void linesSpanChunksAndMultiByteCharacters() {
    LineSplitter splitter = new LineSplitter();
    List<String> lines = new ArrayList<>();
    byte[] text = "{\"a\":1}\n{\"name\":\"é€\"}\r\n\nlast".getBytes(StandardCharsets.UTF_8);
    // Cut between every byte, so lines and characters are split everywhere.
    for (byte b : text) {
      splitter.feed(Buffer.buffer(new byte[] {b}), lines::add);
    }
    assertEquals(List.of("{\"a\":1}", "{\"name\":\"é€\"}", ""), lines);
    assertEquals("last", splitter.finish());
    assertNull(splitter.finish());
  }

  @Test
  void manyLinesInOneChunk() {
    LineSplitter splitter = new LineSplitter();
    List<String> lines = new ArrayList<>();
    splitter.feed(Buffer.buffer("one\r\ntwo\nthr"), lines::add);
    splitter.feed(Buffer.buffer("ee\n"), lines::add);
    assertEquals(List.of("one", "two", "three"), lines);
    assertNull(splitter.finish());
  }
}
