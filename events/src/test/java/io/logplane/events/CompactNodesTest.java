package io.logplane.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

class CompactNodesTest {
  private static final ObjectMapper COMPACT = JsonMapper.builder().nodeFactory(CompactNodes.INSTANCE).build();
  private static final ObjectMapper PLAIN = new ObjectMapper();

  private static String pod(int i) {
    return ("{'metadata':{'name':'web-" + i + "','uid':'" + java.util.UUID.nameUUIDFromBytes(new byte[] {(byte) i, (byte) (i >> 8)}) + "','labels':{'app':'web'}},"
        + "'spec':{'schedulerName':'default-scheduler','containers':[{'name':'c','image':'busybox',"
        + "'imagePullPolicy':'IfNotPresent','command':['" + "x".repeat(CompactNodes.SHARED_LENGTH + 1) + "']}]}}")
        .replace('\'', '"');
  }

  @Test
  void aTextRepeatedInManyObjectsIsOneNodeAndTheTreesAreUnchanged() throws Exception {
    JsonNode first = COMPACT.readTree(pod(1));
    java.util.Set<JsonNode> images = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (int i = 2; i < 2_000; i++) {
      String json = pod(i);
      JsonNode tree = COMPACT.readTree(json);
      assertEquals(PLAIN.readTree(json), tree);
      images.add(tree.at("/spec/containers/0/image"));
    }
    assertTrue(images.size() <= 5, "a unique name or uid that takes its slot only makes the next one anew: "
        + images.size() + " nodes for 2,000 images");
    JsonNode before = COMPACT.readTree(pod(2_000));
    JsonNode last = COMPACT.readTree(pod(2_001));
    assertSame(before.at("/spec/schedulerName"), last.at("/spec/schedulerName"));
    assertSame(before.at("/metadata/labels/app"), last.at("/metadata/labels/app"));
    assertNotSame(first.at("/spec/containers/0/command/0"), last.at("/spec/containers/0/command/0"),
        "a long text is not looked up");
    assertEquals(first.at("/spec/containers/0/command/0"), last.at("/spec/containers/0/command/0"));
  }

  @Test
  void smallNumbersAreSharedAndOthersKeptAsTheyAre() throws Exception {
    JsonNode a = COMPACT.readTree("{\"port\":80,\"grace\":30,\"big\":70000,\"neg\":-5}");
    JsonNode b = COMPACT.readTree("{\"port\":80,\"grace\":30,\"big\":70000,\"neg\":-5}");
    assertSame(a.get("port"), b.get("port"));
    assertSame(a.get("grace"), b.get("grace"));
    assertEquals(PLAIN.readTree(a.toString()), a);
    assertEquals(70000, b.get("big").intValue());
    assertEquals(-5, b.get("neg").intValue());
  }

  @Test
  void textsBuiltInCodeAreSharedAsParsedOnes() {
    assertSame(CompactNodes.INSTANCE.textNode("Running"), CompactNodes.INSTANCE.textNode("Run" + "ning".trim()));
    assertSame(CompactNodes.INSTANCE.objectNode().put("phase", "Running").get("phase"),
        CompactNodes.INSTANCE.textNode("Running"));
    assertEquals("", CompactNodes.INSTANCE.textNode("").textValue());
  }
}
