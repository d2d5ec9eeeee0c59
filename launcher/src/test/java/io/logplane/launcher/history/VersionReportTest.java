package io.logplane.launcher.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionReportTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode item(String rv, String time, String type, String object) throws Exception {
    return JSON.readTree(("{'resourceVersion':'" + rv + "','time':'" + time + "','actor':'admin','verb':'update',"
        + "'type':'" + type + "','outcome':{'code':409,'reason':'Conflict','message':'stale'}"
        + (object == null ? "" : ",'object':" + object) + "}").replace('\'', '"'));
  }

  private static List<JsonNode> items() throws Exception {
    String v1 = "{'kind':'ConfigMap','metadata':{'name':'c','resourceVersion':'5','managedFields':[{}]},"
        + "'data':{'a':'1'}}";
    String v2 = "{'kind':'ConfigMap','metadata':{'name':'c','resourceVersion':'7'},'data':{'a':'2'}}";
    return List.of(item("5", "2024-05-01T10:00:00.000Z", "ADDED", v1),
        item("6", "2024-05-01T10:00:01.000Z", "REJECTED", null),
        item("7", "2024-05-01T10:00:02.000Z", "MODIFIED", v2),
        item("8", "2024-05-01T10:00:03.000Z", "DELETED", v2));
  }

  @Test
  void printsHeadersDiffsAndRefusals() throws Exception {
    String text = new VersionReport(false, Long.MIN_VALUE).render(items());
    assertTrue(text.contains("RV 5  2024-05-01T10:00:00.000Z  admin  update  ADDED\n  @@ -0,0 +1,5 @@\n"
        + "  +data:\n"), text);
    assertTrue(text.contains("RV 6  2024-05-01T10:00:01.000Z  admin  update  REJECTED\n"
        + "  refused: 409 Conflict: stale\n"), text);
    assertTrue(text.contains("RV 7  2024-05-01T10:00:02.000Z  admin  update  MODIFIED\n  @@ -1,5 +1,5 @@\n"
        + "   data:\n  -  a: \"1\"\n  +  a: \"2\"\n   kind: ConfigMap\n"), text);
    assertTrue(text.contains("RV 8  2024-05-01T10:00:03.000Z  admin  update  DELETED\n  deleted\n"), text);
    assertFalse(text.contains("managedFields") || text.contains("resourceVersion"), text);
    assertFalse(text.contains("\u001b["), text);
  }

  @Test
  void aReplaceThatReordersKeysShowsOnlyWhatChanged() throws Exception {
    String before = "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c','namespace':'n','labels':{'a':'1',"
        + "'b':'2'},'uid':'u'},'data':{'x':'1','y':'2','z':'3'}}";
    String after = "{'data':{'z':'3','y':'2','x':'1'},'metadata':{'uid':'u','labels':{'b':'2','a':'9'},"
        + "'namespace':'n','name':'c'},'kind':'ConfigMap','apiVersion':'v1'}";
    String text = new VersionReport(false, Long.MIN_VALUE).render(List.of(
        item("5", "2024-05-01T10:00:00.000Z", "ADDED", before),
        item("6", "2024-05-01T10:00:01.000Z", "MODIFIED", after)));
    String diff = text.substring(text.indexOf("RV 6"));
    assertEquals(1, diff.lines().filter(l -> l.startsWith("  -")).count(), diff);
    assertEquals(1, diff.lines().filter(l -> l.startsWith("  +")).count(), diff);
    assertTrue(diff.contains("  -    a: \"1\"\n  +    a: \"9\"\n"), diff);
  }

  @Test
  void sinceHidesOlderVersionsButDiffsFromThem() throws Exception {
    String text = new VersionReport(false, 1714557602000L).render(items());
    assertFalse(text.contains("RV 5"), text);
    assertTrue(text.contains("-  a: \"1\"\n  +  a: \"2\""), text);
  }

  @Test
  void colorsWhenAsked() throws Exception {
    String text = new VersionReport(true, Long.MIN_VALUE).render(items());
    assertTrue(text.contains("\u001b[32m+  a: \"2\"\u001b[0m"), text);
    assertTrue(text.contains("\u001b[31m-  a: \"1\"\u001b[0m"), text);
  }

  @Test
  void sinceTakesTimesAndAges() throws Exception {
    assertEquals(1714557600000L, HistoryCommand.since("2024-05-01T10:00:00Z", 0));
    assertEquals(1_000_000 - 15 * 60_000, HistoryCommand.since("15m", 1_000_000));
    assertEquals(Long.MIN_VALUE, HistoryCommand.since(null, 0));
    assertEquals(2, assertThrows(HistoryException.class, () -> HistoryCommand.since("last week", 0)).exitCode());
  }
}
