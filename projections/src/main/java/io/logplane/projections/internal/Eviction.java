package io.logplane.projections.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.events.Command;
import io.logplane.projections.Change;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.Outcome;
import io.logplane.projections.Reason;
import io.logplane.projections.policy.Budgets;
import io.logplane.projections.policy.Pods;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code eviction} subresource of a pod, as kube-apiserver's EvictionREST decides it: an
 * Update of the pod whose object is the policy/v1 Eviction. The PodDisruptionBudget covering
 * the pod is read at the record's offset; when it allows a disruption, its
 * {@code status.disruptionsAllowed} goes down by one (the pod noted in {@code disruptedPods})
 * in the same record that deletes the pod with the Eviction's DeleteOptions, so of two
 * evictions racing for the last disruption the first in the log wins and the second gets 429.
 */
public final class Eviction {

  /** The subresource name of an Update that evicts a pod. */
  public static final String SUBRESOURCE = "eviction";
  private static final String REFUSED = "Cannot evict pod as it would violate the pod's disruption budget.";

  private final Tx tx;
  private final Command.Update u;

  public Eviction(Tx tx, Command.Update u) {
    this.tx = tx;
    this.u = u;
  }

  public Outcome run() {
    Key key = Key.parse(u.key());
    if (!Pods.is(key)) {
      return new Outcome.Rejected(Reason.BAD_REQUEST, "only pods have an eviction subresource, not "
          + key.qualifiedResource());
    }
    ObjectNode pod = tx.get(u.key());
    if (pod == null) {
      return new Outcome.Rejected(Reason.NOT_FOUND, "pods \"" + key.name() + "\" not found");
    }
    if (Metadata.terminating(pod) || Pods.terminal(pod) || pod.path("status").path("phase").asText("").equals("Pending")) {
      return delete();
    }
    List<String> budgets = new ArrayList<>();
    for (String k : PolicyIndex.keys(tx, "policy", PolicyIndex.BUDGETS, key.namespace())) {
      ObjectNode b = tx.get(k);
      if (b != null && Budgets.covers(b, pod)) {
        budgets.add(k);
      }
    }
    if (budgets.isEmpty()) {
      return delete();
    }
    if (budgets.size() > 1) {
      return new Outcome.Rejected(Reason.INTERNAL_ERROR,
          "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
    }
    ObjectNode budget = tx.get(budgets.get(0));
    String name = Metadata.text(budget, "name");
    JsonNode status = budget.path("status");
    boolean ready = Pods.ready(pod);
    if (!ready && budget.path("spec").path("unhealthyPodEvictionPolicy").asText("").equals("AlwaysAllow")) {
      return delete();
    }
    if (status.path("observedGeneration").asLong(0) < budget.path("metadata").path("generation").asLong(0)) {
      return tooMany("The disruption budget " + name + " is still being processed by the server.");
    }
    long allowed = status.path("disruptionsAllowed").asLong(0);
    if (allowed < 0) {
      return new Outcome.Rejected(Reason.FORBIDDEN, "pdb disruptions allowed is negative");
    }
    long healthy = status.path("currentHealthy").asLong(0);
    long desired = status.path("desiredHealthy").asLong(0);
    if (!ready && healthy >= desired && desired > 0) {
      return delete();
    }
    if (allowed == 0) {
      return tooMany("The disruption budget " + name + " needs " + desired + " healthy pods and has " + healthy
          + " currently");
    }
    ObjectNode next = budget.deepCopy();
    ObjectNode st = next.get("status") instanceof ObjectNode s ? s : next.putObject("status");
    st.put("disruptionsAllowed", allowed - 1);
    ObjectNode disrupted = st.get("disruptedPods") instanceof ObjectNode d ? d : st.putObject("disruptedPods");
    disrupted.put(key.name(), Metadata.time(u.meta().timeMillis()));
    tx.put(Change.Type.MODIFIED, budgets.get(0), next);
    return delete();
  }

  private static Outcome tooMany(String cause) {
    return new Outcome.Rejected(Reason.TOO_MANY_REQUESTS, REFUSED,
        List.of(new Outcome.Cause("DisruptionBudget", null, cause)));
  }

  /** Deletes the pod as a delete with the Eviction's DeleteOptions would. */
  private Outcome delete() {
    JsonNode options = u.object().path("deleteOptions");
    JsonNode pre = options.path("preconditions");
    String uid = pre.path("uid").isTextual() ? pre.get("uid").asText() : null;
    long version = pre.path("resourceVersion").isTextual() ? Long.parseLong(pre.get("resourceVersion").asText()) : 0;
    JsonNode grace = options.get("gracePeriodSeconds");
    String propagation = options.path("propagationPolicy").isTextual() ? options.get("propagationPolicy").asText()
        : options.path("orphanDependents").asBoolean(false) ? "Orphan" : null;
    Command.Delete d = new Command.Delete(u.meta(), u.key(), version, uid, propagation,
        grace == null || grace.isNull() ? null : grace.asLong());
    return new Deletion(tx, d).run();
  }
}
