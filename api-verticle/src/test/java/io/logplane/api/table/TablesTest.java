package io.logplane.api.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Table envelope: metadata, includeObject modes, watch events. */
class TablesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode configMap() throws Exception {
    return JSON.readTree("{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"annotations\":{\"a\":\"b\"},"
        + "\"resourceVersion\":\"7\",\"name\":\"cm\",\"namespace\":\"default\"},\"data\":{\"k\":\"v\"}}");
  }

  @Test
  void includeObjectModes() throws Exception {
    JsonNode cm = configMap();
    ObjectNode none = Tables.toTable("ConfigMap", List.of(cm), IncludeObject.NONE, "9", null, 0);
    assertTrue(none.at("/rows/0/object").isNull());
    ObjectNode whole = Tables.toTable("ConfigMap", List.of(cm), IncludeObject.OBJECT, "9", null, 0);
    assertEquals(cm, whole.at("/rows/0/object"));
    ObjectNode meta = Tables.toTable("ConfigMap", List.of(cm), IncludeObject.METADATA, "9", "", 0);
    assertEquals("{\"kind\":\"PartialObjectMetadata\",\"apiVersion\":\"meta.k8s.io/v1\",\"metadata\":"
        + "{\"name\":\"cm\",\"namespace\":\"default\",\"resourceVersion\":\"7\",\"annotations\":{\"a\":\"b\"}}}",
        meta.at("/rows/0/object").toString(), "metadata in ObjectMeta's field order");
    assertEquals("{\"resourceVersion\":\"9\"}", meta.get("metadata").toString());
    assertFalse(meta.at("/rows/0").has("conditions"));
  }

  @Test
  void parsesIncludeObject() {
    assertEquals(IncludeObject.METADATA, IncludeObject.parse(null));
    assertEquals(IncludeObject.NONE, IncludeObject.parse("None"));
    assertEquals(IncludeObject.OBJECT, IncludeObject.parse("Object"));
    assertEquals(400, assertThrows(TableException.class, () -> IncludeObject.parse("All")).code());
  }

  @Test
  void watchEventsCarryColumnsOnlyFirst() throws Exception {
    Printer p = Tables.printerFor("ConfigMap");
    ObjectNode first = Tables.watchTable(p, configMap(), IncludeObject.METADATA, true, 0);
    ObjectNode later = Tables.watchTable(p, configMap(), IncludeObject.METADATA, false, 0);
    assertEquals(3, first.get("columnDefinitions").size());
    assertTrue(later.get("columnDefinitions").isNull());
    assertEquals("7", later.at("/metadata/resourceVersion").asText());
    assertEquals(1, later.get("rows").size());
  }

  @Test
  void everyPrinterHasOneCellPerColumnOnAnEmptyObject() throws Exception {
    JsonNode empty = JSON.readTree("{}");
    for (String kind : List.of("Pod", "Service", "Endpoints", "EndpointSlice", "Ingress", "IngressClass",
        "NetworkPolicy", "Namespace", "Node", "ConfigMap", "Secret", "ServiceAccount", "ResourceQuota", "Event",
        "PersistentVolume", "PersistentVolumeClaim", "StorageClass", "Deployment", "ReplicaSet",
        "ReplicationController", "StatefulSet", "DaemonSet", "Job", "CronJob", "Lease", "RoleBinding",
        "ClusterRoleBinding", "ControllerRevision", "PodDisruptionBudget", "HorizontalPodAutoscaler", "Role")) {
      Printer p = Tables.printerFor(kind);
      assertEquals(p.columns().size(), p.cells(empty, 0).size(), kind);
      assertEquals("Name", p.columns().stream().filter(c -> c.format().equals("name")).findFirst()
          .orElseThrow().name(), kind);
    }
  }
}
