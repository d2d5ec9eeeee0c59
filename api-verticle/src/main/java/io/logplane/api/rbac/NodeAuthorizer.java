package io.logplane.api.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.auth.Authorizer;
import io.logplane.api.auth.User;
import io.logplane.projections.informers.Informer;
import io.logplane.projections.informers.Informers;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * kube's Node authorizer before RBAC ({@code --authorization-mode=Node,RBAC}): a node
 * ({@code system:node:<name>} in {@code system:nodes}) reads a Secret, ConfigMap,
 * PersistentVolumeClaim or PersistentVolume, and asks for a service account's token, only when a
 * pod bound to it uses that object (its volumes, projected sources, environment, image pull
 * secrets, its service account; a volume through its claim). The rest of what a node may do is
 * RBAC's, through the {@code system:logplane:node} role its group is bound to, which holds
 * kube's node rules without those objects. Everyone else is RBAC's alone.
 */
public final class NodeAuthorizer implements Authorizer {

  public static final String NODES = "system:nodes";
  public static final String PREFIX = "system:node:";
  static final String BY_NODE = "spec.nodeName";
  private static final Set<String> GRAPH = Set.of("secrets", "configmaps", "persistentvolumeclaims",
      "persistentvolumes");
  private static final Set<String> READS = Set.of("get", "list", "watch");

  private final Authorizer rbac;
  private final Informer pods;
  private final Function<String, ObjectNode> objects;

  /** @param objects an object of the local state by key (a claim, for the volume it is bound to) */
  public NodeAuthorizer(Authorizer rbac, Informers informers, Function<String, ObjectNode> objects) {
    this.rbac = rbac;
    this.pods = informers.informer("core/pods/");
    this.pods.addIndex(BY_NODE, p -> {
      String node = p.path("spec").path("nodeName").asText("");
      return node.isEmpty() ? List.of() : List.of(node);
    });
    this.objects = objects;
  }

  /** The node a user is, or null for anyone else. */
  public static String nodeOf(User user) {
    return user != null && user.name().startsWith(PREFIX) && user.groups().contains(NODES)
        ? user.name().substring(PREFIX.length()) : null;
  }

  @Override
  public Decision authorize(User user, Attributes a) {
    String node = nodeOf(user);
    if (node == null || !a.group().isEmpty()) {
      return rbac.authorize(user, a);
    }
    boolean graph = GRAPH.contains(a.resource()) && (a.subresource() == null || a.subresource().isEmpty());
    boolean token = a.resource().equals("serviceaccounts") && "token".equals(a.subresource());
    if (graph && READS.contains(a.verb()) && a.name() != null && !a.name().isEmpty()
        || token && a.verb().equals("create")) {
      if (reachable(node, a)) {
        return new Decision(true, "");
      }
      Decision d = rbac.authorize(user, a);
      return d.allowed() ? d : new Decision(false, "no relationship found between node '" + node + "' and this object");
    }
    return rbac.authorize(user, a);
  }

  @Override
  public Rules rules(User user, String namespace) {
    return rbac.rules(user, namespace);
  }

  /** Whether a pod bound to the node uses the object asked for. */
  private boolean reachable(String node, Attributes a) {
    for (ObjectNode pod : pods.byIndex(BY_NODE, node)) {
      String ns = pod.path("metadata").path("namespace").asText("");
      JsonNode spec = pod.path("spec");
      boolean found = switch (a.resource()) {
        case "secrets" -> ns.equals(a.namespace()) && PodReferences.secrets(spec).contains(a.name());
        case "configmaps" -> ns.equals(a.namespace()) && PodReferences.configMaps(spec).contains(a.name());
        case "persistentvolumeclaims" -> ns.equals(a.namespace()) && PodReferences.claims(spec).contains(a.name());
        case "persistentvolumes" -> PodReferences.claims(spec).stream().anyMatch(claim -> {
          ObjectNode pvc = objects.apply("core/persistentvolumeclaims/" + ns + "/" + claim);
          return pvc != null && a.name().equals(pvc.path("spec").path("volumeName").asText());
        });
        case "serviceaccounts" -> ns.equals(a.namespace())
            && a.name().equals(spec.path("serviceAccountName").asText("default"));
        default -> false;
      };
      if (found) {
        return true;
      }
    }
    return false;
  }
}
