package io.logplane.api.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Custom resources printed from a CRD's additionalPrinterColumns. */
class CustomPrinterTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long NOW = Instant.parse("2026-01-01T01:00:00Z").toEpochMilli();

  private static List<JsonNode> columns(String json) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    JSON.readTree(json).forEach(out::add);
    return out;
  }

  @Test
  void evaluatesEachColumnAsTypedJsonPath() throws Exception {
    Printer p = Tables.forCustom(columns("["
        + "{\"name\":\"Replicas\",\"type\":\"integer\",\"jsonPath\":\".spec.replicas\"},"
        + "{\"name\":\"Ready\",\"type\":\"string\",\"jsonPath\":\".status.conditions[?(@.type==\\\"Ready\\\")].status\"},"
        + "{\"name\":\"Zone\",\"type\":\"string\",\"jsonPath\":\".metadata.labels['topology.kubernetes.io/zone']\","
        + "\"priority\":1,\"description\":\"where\"},"
        + "{\"name\":\"First\",\"type\":\"string\",\"jsonPath\":\".spec.items[0].name\"},"
        + "{\"name\":\"Ratio\",\"type\":\"number\",\"jsonPath\":\".spec.ratio\"},"
        + "{\"name\":\"On\",\"type\":\"boolean\",\"jsonPath\":\".spec.on\"},"
        + "{\"name\":\"Missing\",\"type\":\"string\",\"jsonPath\":\".spec.nothing\"},"
        + "{\"name\":\"Age\",\"type\":\"date\",\"jsonPath\":\".metadata.creationTimestamp\"}]"));
    JsonNode widget = JSON.readTree("{\"metadata\":{\"name\":\"w\",\"creationTimestamp\":\"2026-01-01T00:00:00Z\","
        + "\"labels\":{\"topology.kubernetes.io/zone\":\"z1\"}},\"spec\":{\"replicas\":3,\"ratio\":0.5,\"on\":true,"
        + "\"items\":[{\"name\":\"i0\"},{\"name\":\"i1\"}]},\"status\":{\"conditions\":["
        + "{\"type\":\"Synced\",\"status\":\"False\"},{\"type\":\"Ready\",\"status\":\"True\"}]}}");
    assertEquals("[\"w\",3,\"True\",\"z1\",\"i0\",0.5,true,null,\"60m\"]",
        JSON.writeValueAsString(p.cells(widget, NOW)));
    Column zone = p.columns().get(3);
    assertEquals(new Column("Zone", "string", "", "where", 1), zone);
    assertEquals("Custom resource definition column (in JSONPath format): .spec.replicas",
        p.columns().get(1).description());
  }

  @Test
  void withoutColumnsPrintsNameAndAge() throws Exception {
    Printer p = Tables.forCustom(List.of());
    assertEquals(List.of("Name", "Age"), p.columns().stream().map(Column::name).toList());
    assertEquals("date", p.columns().get(1).type());
    JsonNode w = JSON.readTree("{\"metadata\":{\"name\":\"w\",\"creationTimestamp\":\"2025-12-29T22:00:00Z\"}}");
    assertEquals(List.of("w", "2d3h"), p.cells(w, NOW));
  }

  @Test
  void wrongTypesPrintAsNull() throws Exception {
    Printer p = Tables.forCustom(columns("[{\"name\":\"N\",\"type\":\"integer\",\"jsonPath\":\".spec.n\"},"
        + "{\"name\":\"D\",\"type\":\"date\",\"jsonPath\":\".spec.d\"}]"));
    JsonNode w = JSON.readTree("{\"metadata\":{\"name\":\"w\"},\"spec\":{\"n\":\"three\",\"d\":\"yesterday\"}}");
    assertEquals("[\"w\",null,\"<invalid>\"]", JSON.writeValueAsString(p.cells(w, NOW)));
  }

  @Test
  void rejectsUnsupportedPaths() {
    TableException e = assertThrows(TableException.class,
        () -> Tables.forCustom(columns("[{\"name\":\"N\",\"type\":\"string\",\"jsonPath\":\"spec.n\"}]")));
    assertEquals("unrecognized column definition \"spec.n\"", e.getMessage());
  }
}
