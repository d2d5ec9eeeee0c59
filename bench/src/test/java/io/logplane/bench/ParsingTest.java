package io.logplane.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The partial readers of server answers: watch event lines and list bodies. */
class ParsingTest {
  @Test
  void addedEventAsKubeApiserverWritesIt() throws IOException {
    String line = "{\"type\":\"ADDED\",\"object\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\","
        + "\"metadata\":{\"name\":\"bench-x-7\",\"namespace\":\"bench-x\","
        + "\"labels\":{\"name\":\"decoy\"}},\"spec\":{\"containers\":[{\"name\":\"c\"}]}}}";
    assertEquals(new WatchEvent("ADDED", "bench-x-7", ""), WatchEvent.parse(line));
  }

  @Test
  void typeAfterObjectIsStillRead() throws IOException {
    String line = "{\"object\":{\"metadata\":{\"labels\":{\"name\":\"decoy\"},\"name\":\"p\"},"
        + "\"spec\":{}},\"type\":\"MODIFIED\"}";
    assertEquals(new WatchEvent("MODIFIED", "p", ""), WatchEvent.parse(line));
  }

  @Test
  void bookmarkAndError() throws IOException {
    assertEquals(new WatchEvent("BOOKMARK", "", ""), WatchEvent.parse(
        "{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"Pod\",\"metadata\":"
            + "{\"resourceVersion\":\"12\"}}}"));
    assertEquals(new WatchEvent("ERROR", "", "too old resource version: 1 (5)"),
        WatchEvent.parse("{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\","
            + "\"message\":\"too old resource version: 1 (5)\",\"code\":410}}"));
  }

  @Test
  void notAnEvent() {
    assertThrows(IOException.class, () -> WatchEvent.parse("[1,2]"));
  }

  private static long count(String list) throws IOException {
    return ListPods.countItems(list.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void countsListItemsWherEverTheyAre() throws IOException {
    assertEquals(3, count("{\"kind\":\"PodList\",\"metadata\":"
        + "{\"resourceVersion\":\"9\"},\"items\":[{\"a\":[1,{}]},{},{\"items\":[1,2]}]}"));
    assertEquals(0, count("{\"items\":[],\"kind\":\"PodList\"}"));
    assertEquals(0, count("{\"items\":null}"));
    assertThrows(IOException.class, () -> count("{\"kind\":\"Status\"}"));
  }
}
