package io.logplane.api.certificates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What kube's CSR registry strategies change in an object before validating it: a create takes
 * the requester's identity and an empty status; an update of the object keeps the stored spec
 * and status (a CSR is immutable but through its subresources); {@code /status} keeps the spec
 * and the Approved/Denied conditions; {@code /approval} changes nothing but the conditions. The
 * two subresources fill in a condition's missing lastUpdateTime and lastTransitionTime.
 */
public final class CsrStrategy {

  private CsrStrategy() {}

  /**
   * kube's PrepareForCreate: {@code spec.username}, {@code uid}, {@code groups} and {@code extra}
   * are the requester's (what the client sent is dropped; empty values are left out, as Go's
   * omitempty does), and the status is emptied: nobody creates a pre-approved request.
   *
   * @param username null when the request has no user (then no identity is written)
   */
  public static void prepareCreate(ObjectNode csr, String username, String uid, List<String> groups,
      Map<String, List<String>> extra) {
    ObjectNode spec = object(csr, "spec");
    spec.remove(List.of("username", "uid", "groups", "extra"));
    if (username != null) {
      putText(spec, "username", username);
      putText(spec, "uid", uid);
      if (groups != null && !groups.isEmpty()) {
        ArrayNode g = spec.putArray("groups");
        groups.forEach(g::add);
      }
      if (extra != null && !extra.isEmpty()) {
        ObjectNode e = spec.putObject("extra");
        extra.forEach((k, values) -> {
          ArrayNode a = e.putArray(k);
          values.forEach(a::add);
        });
      }
    }
    csr.putObject("status");
  }

  /** kube's PrepareForUpdate of the object itself: spec and status are the stored ones. */
  public static void prepareUpdate(ObjectNode old, ObjectNode csr) {
    copy(old, csr, "spec");
    copy(old, csr, "status");
  }

  /**
   * kube's status strategy: the spec is the stored one; Approved and Denied conditions are the
   * stored ones when as many are given (adding or removing them is left for validation to
   * refuse); then missing condition times are filled in ({@link #populateConditionTimes}).
   */
  public static void prepareStatusUpdate(ObjectNode old, ObjectNode csr, Instant now) {
    copy(old, csr, "spec");
    preserve(old, csr, CsrFields.APPROVED);
    preserve(old, csr, CsrFields.DENIED);
    populateConditionTimes(old, csr, now);
  }

  /**
   * kube's approval strategy: condition times are filled in, then everything but
   * {@code status.conditions} is the stored object's.
   */
  public static void prepareApprovalUpdate(ObjectNode old, ObjectNode csr, Instant now) {
    populateConditionTimes(old, csr, now);
    JsonNode conditions = csr.path("status").get("conditions");
    copy(old, csr, "spec");
    copy(old, csr, "status");
    if (conditions != null) {
      object(csr, "status").set("conditions", conditions);
    } else if (csr.get("status") instanceof ObjectNode status) {
      status.remove("conditions");
    }
  }

  /**
   * kube's populateConditionTimestamps: a condition without lastUpdateTime gets {@code now}; one
   * without lastTransitionTime gets that of the first stored condition of the same type and
   * status that has one, else {@code now}.
   */
  static void populateConditionTimes(JsonNode old, ObjectNode csr, Instant now) {
    String at = CsrFields.format(now);
    for (JsonNode node : csr.path("status").path("conditions")) {
      if (!(node instanceof ObjectNode c)) {
        continue;
      }
      if (CsrFields.time(c, "lastUpdateTime") == null) {
        c.put("lastUpdateTime", at);
      }
      if (CsrFields.time(c, "lastTransitionTime") == null) {
        String transition = at;
        for (JsonNode o : CsrFields.conditions(old)) {
          Instant t = CsrFields.time(o, "lastTransitionTime");
          if (CsrFields.type(o).equals(CsrFields.type(c)) && CsrFields.status(o).equals(CsrFields.status(c))
              && t != null) {
            transition = CsrFields.format(t);
            break;
          }
        }
        c.put("lastTransitionTime", transition);
      }
    }
  }

  /** The stored conditions of {@code type} replace the new ones, position by position, when as many. */
  private static void preserve(JsonNode old, ObjectNode csr, String type) {
    List<JsonNode> before = CsrFields.ofType(old, type);
    if (!(csr.path("status").path("conditions") instanceof ArrayNode conditions)) {
      return;
    }
    List<Integer> at = new ArrayList<>();
    for (int i = 0; i < conditions.size(); i++) {
      if (CsrFields.type(conditions.get(i)).equals(type)) {
        at.add(i);
      }
    }
    if (at.size() != before.size()) {
      return;
    }
    for (int i = 0; i < at.size(); i++) {
      conditions.set(at.get(i), before.get(i).deepCopy());
    }
  }

  private static void copy(JsonNode old, ObjectNode csr, String field) {
    JsonNode value = old.get(field);
    if (value == null) {
      csr.remove(field);
    } else {
      csr.set(field, value.deepCopy());
    }
  }

  private static ObjectNode object(ObjectNode parent, String field) {
    return parent.get(field) instanceof ObjectNode o ? o : parent.putObject(field);
  }

  private static void putText(ObjectNode o, String field, String value) {
    if (value != null && !value.isEmpty()) {
      o.put(field, value);
    }
  }
}
