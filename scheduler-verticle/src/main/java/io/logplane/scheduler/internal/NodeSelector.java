package io.logplane.scheduler.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.selectors.Operator;
import io.logplane.selectors.Requirement;
import java.util.ArrayList;
import java.util.List;

/**
 * A node selector term of node affinity: matchExpressions on the node's labels (In, NotIn,
 * Exists, DoesNotExist, Gt, Lt) and matchFields on {@code metadata.name}, all of which must
 * hold. A term with neither matches no node, as kube's.
 */
public record NodeSelector(List<Requirement> labels, List<Requirement> fields) {

  public static NodeSelector of(JsonNode term) {
    return new NodeSelector(requirements(term.path("matchExpressions")), requirements(term.path("matchFields")));
  }

  /** The terms of a {@code nodeSelectorTerms} list: a node matches when any one matches. */
  public static List<NodeSelector> terms(JsonNode terms) {
    List<NodeSelector> list = new ArrayList<>();
    terms.forEach(t -> list.add(of(t)));
    return list;
  }

  public boolean matches(NodeInfo node) {
    if (labels.isEmpty() && fields.isEmpty()) {
      return false;
    }
    for (Requirement r : labels) {
      if (!r.matches(node.labels())) {
        return false;
      }
    }
    for (Requirement r : fields) {
      if (!r.key().equals("metadata.name") || !r.matches(node.nameAsFields())) {
        return false;
      }
    }
    return true;
  }

  public static boolean anyMatches(List<NodeSelector> terms, NodeInfo node) {
    for (NodeSelector t : terms) {
      if (t.matches(node)) {
        return true;
      }
    }
    return false;
  }

  private static List<Requirement> requirements(JsonNode exprs) {
    List<Requirement> list = new ArrayList<>();
    for (JsonNode e : exprs) {
      Operator op = switch (e.path("operator").asText()) {
        case "In" -> Operator.IN;
        case "NotIn" -> Operator.NOT_IN;
        case "Exists" -> Operator.EXISTS;
        case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
        case "Gt" -> Operator.GREATER_THAN;
        case "Lt" -> Operator.LESS_THAN;
        default -> null;
      };
      List<String> values = new ArrayList<>();
      e.path("values").forEach(v -> values.add(v.asText()));
      // An operator kube does not know makes the term match nothing (validation refuses it anyway).
      list.add(op == null ? new Requirement(e.path("key").asText(), Operator.IN, List.of()) :
          new Requirement(e.path("key").asText(), op, values));
    }
    return list;
  }
}
