package io.logplane.api.patch;

import static io.logplane.api.patch.Fixtures.DEPLOYMENTS;
import static io.logplane.api.patch.Fixtures.yaml;
import static io.logplane.api.patch.ServerSideApplyTest.CONFIG;
import static io.logplane.api.patch.ServerSideApplyTest.T1;
import static io.logplane.api.patch.ServerSideApplyTest.T2;
import static io.logplane.api.patch.ServerSideApplyTest.entry;
import static io.logplane.api.patch.ServerSideApplyTest.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Field ownership of plain writes (operation Update). */
class TrackUpdateTest {

  static ObjectNode track(ObjectNode before, ObjectNode after, String manager, String time) {
    return ServerSideApply.trackUpdate(before, after, manager, ServerSideApply.UPDATE, DEPLOYMENTS, time);
  }

  static ObjectNode created() {
    return track(null, yaml(CONFIG), "kubectl-create", T1);
  }

  static ObjectNode edit(ObjectNode o, String from, String to) {
    return yaml(Json.text(o).replace(from, to));
  }

  @Test
  void createRecordsEveryFieldAsKubeDoes() {
    ObjectNode o = created();
    assertEquals(yaml("{manager: kubectl-create, operation: Update, apiVersion: apps/v1, time: '" + T1
        + "', fieldsType: FieldsV1}"), ((ObjectNode) entry(o, "kubectl-create").deepCopy()).without("fieldsV1"));
    assertEquals("{\"f:metadata\":{\"f:labels\":{\".\":{},\"f:app\":{}}},\"f:spec\":{\"f:replicas\":{},"
        + "\"f:selector\":{},\"f:template\":{\"f:metadata\":{\"f:labels\":{\".\":{},\"f:app\":{}}},\"f:spec\":{"
        + "\"f:containers\":{\"k:{\\\"name\\\":\\\"web\\\"}\":{\".\":{},\"f:image\":{},\"f:name\":{},\"f:ports\":{"
        + "\".\":{},\"k:{\\\"containerPort\\\":80,\\\"protocol\\\":\\\"TCP\\\"}\":{\".\":{},\"f:containerPort\":{}}}}}}}}}",
        fields(o, "kubectl-create"));
  }

  @Test
  void anUpdateTakesTheFieldsItChangesWithoutConflict() {
    ObjectNode applied = ServerSideApply.apply(null, Fixtures.raw(CONFIG), "kubectl", false, DEPLOYMENTS, T1);
    ObjectNode r = track(applied, edit(applied, "\"replicas\":2", "\"replicas\":5"), "kubectl-edit", T2);
    assertEquals("{\"f:spec\":{\"f:replicas\":{}}}", fields(r, "kubectl-edit"));
    assertFalse(fields(r, "kubectl").contains("f:replicas"));
    assertEquals(5, r.at("/spec/replicas").asInt());
  }

  @Test
  void removedFieldsLeaveEveryOwner() {
    ObjectNode o = created();
    ObjectNode after = o.deepCopy();
    after.with("metadata").remove("labels");
    ObjectNode r = track(o, after, "kubectl-edit", T2);
    assertTrue(r.at("/metadata/labels").isMissingNode());
    assertFalse(entry(r, "kubectl-create").get("fieldsV1").has("f:metadata"), fields(r, "kubectl-create"));
    assertNull(entry(r, "kubectl-edit"), "a pure removal gives the writer nothing");
  }

  @Test
  void anUnchangedWriteKeepsTheEntryTime() {
    ObjectNode o = created();
    ObjectNode r = track(o, o.deepCopy(), "kubectl-create", T2);
    assertEquals(T1, entry(r, "kubectl-create").get("time").asText());
  }

  @Test
  void updatesOfUntrackedObjectsStayUntracked() {
    ObjectNode r = track(yaml(CONFIG), edit(yaml(CONFIG), "nginx:1", "nginx:2"), "kubectl-edit", T2);
    assertTrue(r.at("/metadata/managedFields").isMissingNode());
  }

  @Test
  void aSingleEmptyEntryClearsManagedFields() {
    ObjectNode o = created();
    ObjectNode after = o.deepCopy();
    after.with("metadata").putArray("managedFields").addObject();
    // an empty list: an update without the field would keep the stored entries (the store's rule)
    assertEquals(0, track(o, after, "kubectl-edit", T2).at("/metadata/managedFields").size());
    assertTrue(track(o, after, "kubectl-edit", T2).at("/metadata/managedFields").isArray());
  }

  @Test
  void suppliedEntriesReplaceTheStoredOnes() {
    ObjectNode o = created();
    ObjectNode after = o.deepCopy();
    after.with("metadata").set("managedFields", yaml("""
        v: [{manager: mine, operation: Update, apiVersion: apps/v1, time: '2024-01-01T00:00:00Z',
             fieldsType: FieldsV1, fieldsV1: {'f:spec': {'f:replicas': {}}}}]""").get("v"));
    ObjectNode r = track(o, after, "kubectl-edit", T2);
    assertEquals(1, r.at("/metadata/managedFields").size());
    assertEquals("mine", r.at("/metadata/managedFields/0/manager").asText());
  }

  @Test
  void statusWritesAreRecordedPerSubresource() {
    ObjectNode o = created();
    ObjectNode after = o.deepCopy();
    after.putObject("status").put("replicas", 2);
    ObjectNode r = ServerSideApply.trackUpdate(o, after, "kube-controller-manager", ServerSideApply.UPDATE,
        "status", DEPLOYMENTS, T2);
    assertEquals("status", entry(r, "kube-controller-manager").get("subresource").asText());
    assertEquals("{\"f:status\":{\"f:replicas\":{}}}", fields(r, "kube-controller-manager"));
    ObjectNode viaMain = track(o, after, "someone", T2);
    assertNull(entry(viaMain, "someone"), "status is not owned through the main resource");
  }

  @Test
  void onlyUpdateIsAnOperationHere() {
    assertThrows(IllegalArgumentException.class,
        () -> ServerSideApply.trackUpdate(null, yaml(CONFIG), "m", "Apply", DEPLOYMENTS, T1));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "kubectl/v1.32.0 (linux/amd64) kubernetes/abc | kubectl",
      "kube-controller-manager/v1.28.0              | kube-controller-manager",
      "python-requests                              | python-requests"})
  void managerNamesComeFromTheUserAgent(String ua, String manager) {
    assertEquals(manager, ServerSideApply.managerFromUserAgent(ua));
  }
}
