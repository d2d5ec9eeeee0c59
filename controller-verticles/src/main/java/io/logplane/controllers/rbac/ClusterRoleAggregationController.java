package io.logplane.controllers.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Controller;
import io.logplane.controllers.ControllerContext;
import io.logplane.controllers.Reconciler;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.informers.Informer;
import io.logplane.selectors.LabelSelector;
import io.logplane.selectors.SelectorException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * As kube-controller-manager's clusterrole-aggregation-controller: a ClusterRole with an
 * {@code aggregationRule} holds the rules of every other ClusterRole its selectors match, those
 * roles taken in name order and each rule once. This is how {@code admin}, {@code edit} and
 * {@code view} get their rules, and how a ClusterRole labelled {@code
 * rbac.authorization.k8s.io/aggregate-to-view: "true"} extends {@code view}.
 */
public final class ClusterRoleAggregationController implements Reconciler {

  static final String CLUSTER_ROLES = "rbac.authorization.k8s.io/clusterroles/";

  private final Informer roles;
  private final ObjectWriter writer;

  private ClusterRoleAggregationController(ControllerContext ctx) {
    roles = ctx.informers().informer(CLUSTER_ROLES);
    writer = ctx.writer("clusterrole-aggregation-controller");
  }

  /** Aggregated ClusterRoles, each woken by any ClusterRole's change. */
  public static Controller controller(ControllerContext ctx) {
    ClusterRoleAggregationController c = new ClusterRoleAggregationController(ctx);
    return Controller.named("clusterrole-aggregation").reconciles(CLUSTER_ROLES)
        .watches(CLUSTER_ROLES, changed -> c.aggregated())
        .build(c);
  }

  private List<String> aggregated() {
    List<String> keys = new ArrayList<>();
    for (ObjectNode role : roles.list()) {
      if (role.hasNonNull("aggregationRule")) {
        keys.add(CLUSTER_ROLES + "/" + Metadata.text(role, "name"));
      }
    }
    return keys;
  }

  @Override
  public Result reconcile(String key) {
    ObjectNode role = roles.get(key);
    if (role == null || !role.hasNonNull("aggregationRule")) {
      return Result.DONE;
    }
    List<LabelSelector> selectors = new ArrayList<>();
    for (JsonNode s : role.path("aggregationRule").path("clusterRoleSelectors")) {
      try {
        selectors.add(LabelSelector.fromJson(s));
      } catch (SelectorException e) {
        return Result.DONE; // validation refuses such a rule; nothing to aggregate by
      }
    }
    String name = Metadata.text(role, "name");
    List<ObjectNode> matched = new ArrayList<>();
    for (ObjectNode other : roles.list()) {
      JsonNode labels = other.path("metadata").path("labels");
      if (!name.equals(Metadata.text(other, "name")) && selectors.stream().anyMatch(s -> s.matches(labels))) {
        matched.add(other);
      }
    }
    matched.sort(Comparator.comparing(o -> Metadata.text(o, "name")));
    ArrayNode rules = role.arrayNode();
    for (ObjectNode other : matched) {
      for (JsonNode rule : other.path("rules")) {
        if (!contains(rules, rule)) {
          rules.add(rule);
        }
      }
    }
    if (rules.equals(role.path("rules"))) {
      return Result.DONE;
    }
    ObjectNode next = role.deepCopy();
    next.set("rules", rules);
    writer.update(new Key("rbac.authorization.k8s.io", "clusterroles", "", name), next).join();
    return Result.DONE;
  }

  private static boolean contains(ArrayNode rules, JsonNode rule) {
    for (JsonNode r : rules) {
      if (r.equals(rule)) {
        return true;
      }
    }
    return false;
  }
}
