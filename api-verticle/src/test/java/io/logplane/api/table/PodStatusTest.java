package io.logplane.api.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Ready, Status and Restarts cells of kubectl's pod status logic. */
class PodStatusTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long NOW = Instant.parse("2026-01-01T01:00:00Z").toEpochMilli();
  private static final String META = "\"metadata\":{\"name\":\"p\",\"creationTimestamp\":\"2026-01-01T00:00:00Z\"";
  private static final String ONE = "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}";

  private static List<Object> cells(String json) throws Exception {
    return Tables.printerFor("Pod").cells(JSON.readTree(json), NOW);
  }

  private static String status(String statusJson) throws Exception {
    return (String) cells("{" + META + "}," + ONE + ",\"status\":" + statusJson + "}").get(2);
  }

  @Test
  void pendingAndCreating() throws Exception {
    assertEquals("Pending", status("{\"phase\":\"Pending\"}"));
    assertEquals("ContainerCreating", status("{\"phase\":\"Pending\",\"containerStatuses\":[{\"name\":\"c\","
        + "\"ready\":false,\"restartCount\":0,\"state\":{\"waiting\":{\"reason\":\"ContainerCreating\"}}}]}"));
    assertEquals("SchedulingGated", status("{\"phase\":\"Pending\",\"conditions\":[{\"type\":\"PodScheduled\","
        + "\"status\":\"False\",\"reason\":\"SchedulingGated\"}]}"));
  }

  @Test
  void runningReadyWithRestarts() throws Exception {
    List<Object> c = cells("{" + META + "}," + ONE + ",\"status\":{\"phase\":\"Running\",\"podIP\":\"10.1.0.5\","
        + "\"containerStatuses\":[{\"name\":\"c\",\"ready\":true,\"restartCount\":2,\"state\":{\"running\":{}},"
        + "\"lastState\":{\"terminated\":{\"exitCode\":1,\"finishedAt\":\"2026-01-01T00:55:00Z\"}}}]}}");
    assertEquals(List.of("p", "1/1", "Running", "2 (5m ago)", "60m", "10.1.0.5", "<none>", "<none>", "<none>"), c);
  }

  @Test
  void crashLoopAndTermination() throws Exception {
    assertEquals("CrashLoopBackOff", status("{\"phase\":\"Running\",\"containerStatuses\":[{\"name\":\"c\","
        + "\"ready\":false,\"restartCount\":5,\"state\":{\"waiting\":{\"reason\":\"CrashLoopBackOff\"}}}]}"));
    assertEquals("Completed", status("{\"phase\":\"Succeeded\",\"containerStatuses\":[{\"name\":\"c\","
        + "\"state\":{\"terminated\":{\"exitCode\":0,\"reason\":\"Completed\"}}}]}"));
    assertEquals("ExitCode:3", status("{\"phase\":\"Failed\",\"containerStatuses\":[{\"name\":\"c\","
        + "\"state\":{\"terminated\":{\"exitCode\":3}}}]}"));
    assertEquals("Signal:9", status("{\"phase\":\"Failed\",\"containerStatuses\":[{\"name\":\"c\","
        + "\"state\":{\"terminated\":{\"exitCode\":137,\"signal\":9}}}]}"));
    String deleting = "{" + META + ",\"deletionTimestamp\":\"2026-01-01T00:59:00Z\"}," + ONE
        + ",\"status\":{\"phase\":\"Running\"}}";
    assertEquals("Terminating", cells(deleting).get(2));
    String lost = "{" + META + ",\"deletionTimestamp\":\"2026-01-01T00:59:00Z\"}," + ONE
        + ",\"status\":{\"phase\":\"Running\",\"reason\":\"NodeLost\"}}";
    assertEquals("Unknown", cells(lost).get(2));
  }

  @Test
  void initContainers() throws Exception {
    String spec = "\"spec\":{\"initContainers\":[{\"name\":\"i1\"},{\"name\":\"i2\"}],"
        + "\"containers\":[{\"name\":\"c\"}]}";
    String waiting = "{" + META + "}," + spec + ",\"status\":{\"phase\":\"Pending\",\"initContainerStatuses\":["
        + "{\"name\":\"i1\",\"state\":{\"terminated\":{\"exitCode\":0}}},"
        + "{\"name\":\"i2\",\"state\":{\"running\":{}}}]}}";
    assertEquals("Init:1/2", cells(waiting).get(2));
    String failing = "{" + META + "}," + spec + ",\"status\":{\"phase\":\"Pending\",\"initContainerStatuses\":["
        + "{\"name\":\"i1\",\"restartCount\":3,\"state\":{\"waiting\":{\"reason\":\"CrashLoopBackOff\"}}}]}}";
    assertEquals("Init:CrashLoopBackOff", cells(failing).get(2));
    assertEquals("3", cells(failing).get(3));
  }

  @Test
  void sidecarsCountAsContainers() throws Exception {
    String pod = "{" + META + "},\"spec\":{\"initContainers\":[{\"name\":\"s\",\"restartPolicy\":\"Always\"}],"
        + "\"containers\":[{\"name\":\"c\"}]},\"status\":{\"phase\":\"Running\",\"conditions\":["
        + "{\"type\":\"Initialized\",\"status\":\"True\"}],\"initContainerStatuses\":[{\"name\":\"s\","
        + "\"started\":true,\"ready\":true,\"restartCount\":1,\"state\":{\"running\":{}}}],"
        + "\"containerStatuses\":[{\"name\":\"c\",\"ready\":true,\"state\":{\"running\":{}}}]}}";
    List<Object> c = cells(pod);
    assertEquals("2/2", c.get(1));
    assertEquals("Running", c.get(2));
    assertEquals("1", c.get(3));
  }

  @Test
  void finishedPodsCarryACompletedCondition() throws Exception {
    JsonNode done = JSON.readTree("{" + META + "}," + ONE + ",\"status\":{\"phase\":\"Succeeded\"}}");
    JsonNode row = Tables.row(Tables.printerFor("Pod"), done, IncludeObject.NONE, NOW);
    assertEquals("[{\"type\":\"Completed\",\"status\":\"True\",\"reason\":\"Succeeded\","
        + "\"message\":\"The pod has completed successfully.\"}]", row.path("conditions").toString());
    assertEquals(true, row.get("object").isNull());
  }

  @Test
  void readinessGates() throws Exception {
    String pod = "{" + META + "},\"spec\":{\"containers\":[{\"name\":\"c\"}],\"readinessGates\":["
        + "{\"conditionType\":\"a\"},{\"conditionType\":\"b\"}]},\"status\":{\"phase\":\"Running\","
        + "\"conditions\":[{\"type\":\"a\",\"status\":\"True\"},{\"type\":\"b\",\"status\":\"False\"}]}}";
    assertEquals("1/2", cells(pod).get(8));
  }
}
