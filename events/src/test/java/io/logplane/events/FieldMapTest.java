package io.logplane.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FieldMapTest {

  @Test
  void behavesAsALinkedHashMapThroughRandomChangesOnBothSidesOfTheSwitch() {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      FieldMap<Integer> map = new FieldMap<>();
      Map<String, Integer> expected = new LinkedHashMap<>();
      int keys = 1 + random.nextInt(2 * FieldMap.LINEAR);
      for (int step = 0; step < 60; step++) {
        String key = "k" + random.nextInt(keys);
        switch (random.nextInt(6)) {
          case 0, 1, 2 -> assertEquals(expected.put(key, step), map.put(new String(key), step));
          case 3 -> assertEquals(expected.remove(key), map.remove(key));
          case 4 -> removeEveryThird(expected, map, random.nextInt(3));
          default -> setEveryOther(expected, map, step);
        }
        assertEquals(new ArrayList<>(expected.entrySet()), new ArrayList<>(map.entrySet()));
        assertEquals(expected, map);
        assertEquals(map, expected);
        assertEquals(expected.hashCode(), map.hashCode());
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(map.keySet()));
        assertEquals(new ArrayList<>(expected.values()), new ArrayList<>(map.values()));
        assertEquals(expected.keySet(), map.keySet());
        assertEquals(expected.toString(), map.toString());
        assertEquals(expected.isEmpty(), map.isEmpty());
        assertEquals(expected.containsValue(step), map.containsValue(step));
        assertEquals(expected.get(key), map.get(key));
        assertEquals(expected.containsKey(key), map.containsKey(key));
      }
    }
  }

  @Test
  void anIteratorFailsAfterAChangeBehindItsBack() {
    FieldMap<Integer> map = new FieldMap<>();
    map.put("a", 1);
    map.put("b", 2);
    Iterator<Map.Entry<String, Integer>> it = map.entrySet().iterator();
    it.next();
    map.put("c", 3);
    assertThrows(ConcurrentModificationException.class, it::next);
  }

  @Test
  void theMapperParsesIntoItAndWritesTheSameBytes() throws Exception {
    String json = "{\"metadata\":{\"name\":\"a\",\"labels\":{\"x\":\"1\"}},\"spec\":{},\"data\":{"
        + String.join(",", java.util.stream.IntStream.range(0, 40).mapToObj(i -> "\"k" + i + "\":" + i).toList())
        + "}}";
    ObjectMapper mapper = JsonMapper.builder().nodeFactory(CompactNodes.INSTANCE).build();
    ObjectNode tree = (ObjectNode) mapper.readTree(json.getBytes(StandardCharsets.UTF_8));
    assertEquals(json, mapper.writeValueAsString(tree));
    ObjectNode copy = tree.deepCopy();
    assertEquals(FieldMap.class, fieldsOf(copy.path("metadata")).getClass());
    ((ObjectNode) tree.path("metadata")).remove("labels");
    assertEquals(List.of("name"), tree.path("metadata").properties().stream().map(Map.Entry::getKey).toList());
    assertEquals(1, copy.path("metadata").path("labels").path("x").asInt());
    assertEquals(39, tree.path("data").path("k39").asInt());
  }

  private static Object fieldsOf(Object node) throws ReflectiveOperationException {
    java.lang.reflect.Field children = ObjectNode.class.getDeclaredField("_children");
    children.setAccessible(true);
    return children.get(node);
  }

  /** Through the iterator of the entries, the keys or the values ({@code view} 0, 1, 2). */
  private static void removeEveryThird(Map<String, Integer> expected, FieldMap<Integer> map, int view) {
    for (Map<String, Integer> m : List.<Map<String, Integer>>of(expected, map)) {
      Iterator<?> it = view == 0 ? m.entrySet().iterator() : view == 1 ? m.keySet().iterator() : m.values().iterator();
      for (int i = 0; it.hasNext(); i++) {
        it.next();
        if (i % 3 == 0) {
          it.remove();
        }
      }
    }
  }

  @Test
  void aSmallObjectsArrayHoldsLittleMoreThanItsFields() throws ReflectiveOperationException {
    java.lang.reflect.Field store = FieldMap.class.getDeclaredField("store");
    store.setAccessible(true);
    FieldMap<Integer> map = new FieldMap<>();
    List<Integer> lengths = new ArrayList<>();
    for (int i = 0; i < FieldMap.LINEAR; i++) {
      map.put("k" + i, i);
      lengths.add(((Object[]) store.get(map)).length);
    }
    assertEquals(List.of(2, 4, 8, 8, 12, 12, 18, 18, 18, 24, 24, 24), lengths);
    map.put("one-more", 0);
    assertEquals(LinkedHashMap.class, store.get(map).getClass());
  }

  private static void setEveryOther(Map<String, Integer> expected, FieldMap<Integer> map, int value) {
    int i = 0;
    for (Map.Entry<String, Integer> e : expected.entrySet()) {
      if (i++ % 2 == 0) {
        e.setValue(value);
      }
    }
    i = 0;
    for (Map.Entry<String, Integer> e : map.entrySet()) {
      if (i++ % 2 == 0) {
        e.setValue(value);
      }
    }
  }
}
