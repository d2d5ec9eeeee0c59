package io.logplane.api.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.auth.Authorizer;
import io.logplane.api.auth.User;
import io.logplane.projections.Json;
import io.logplane.projections.informers.Informers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeAuthorizerTest {

  private final Informers informers = Informers.detached();
  private final Map<String, ObjectNode> objects = new HashMap<>();
  private final NodeAuthorizer authorizer;
  private final User n1 = new User("system:node:n1", List.of("system:nodes", "system:authenticated"));
  private long version = 1;

  NodeAuthorizerTest() {
    RbacAuthorizer rbac = new RbacAuthorizer(informers);
    for (ObjectNode o : BootstrapPolicy.objects()) {
      String key = BootstrapPolicy.key(o);
      informers.informer(key.substring(0, key.indexOf('/', key.indexOf('/') + 1) + 1)).apply(key, o, version++);
    }
    authorizer = new NodeAuthorizer(rbac, informers, objects::get);
    pod("app", "web", "n1", """
        {"serviceAccountName": "runner",
         "imagePullSecrets": [{"name": "registry"}],
         "containers": [{"name": "c", "envFrom": [{"secretRef": {"name": "env-secret"}}],
                         "env": [{"name": "X", "valueFrom": {"configMapKeyRef": {"name": "env-cm", "key": "x"}}}]}],
         "volumes": [{"name": "p", "projected": {"sources": [{"configMap": {"name": "projected-cm"}},
                                                             {"secret": {"name": "projected-secret"}}]}},
                     {"name": "d", "persistentVolumeClaim": {"claimName": "data"}}]}
        """);
    pod("app", "other", "n2", """
        {"containers": [{"name": "c"}], "volumes": [{"name": "s", "secret": {"secretName": "theirs"}}]}
        """);
    objects.put("core/persistentvolumeclaims/app/data", Json.object("{\"spec\":{\"volumeName\":\"pv-1\"}}"
        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  private void pod(String namespace, String name, String node, String spec) {
    ObjectNode pod = Json.object(("{\"metadata\":{\"namespace\":\"" + namespace + "\",\"name\":\"" + name + "\"},"
        + "\"spec\":" + spec.replace("}\n", "}") + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    pod.with("spec").put("nodeName", node);
    String key = "core/pods/" + namespace + "/" + name;
    informers.informer("core/pods/").apply(key, pod, version++);
  }

  private Authorizer.Decision ask(User user, String verb, String resource, String subresource, String namespace,
      String name) {
    return authorizer.authorize(user, new Authorizer.Attributes(verb, "", resource, subresource, namespace, name, null));
  }

  @Test
  void aNodeGetsWhatItsPodsUse() {
    for (String secret : List.of("registry", "env-secret", "projected-secret")) {
      assertTrue(ask(n1, "get", "secrets", null, "app", secret).allowed(), secret);
    }
    for (String cm : List.of("env-cm", "projected-cm")) {
      assertTrue(ask(n1, "get", "configmaps", null, "app", cm).allowed(), cm);
    }
    assertTrue(ask(n1, "get", "persistentvolumeclaims", null, "app", "data").allowed());
    assertTrue(ask(n1, "get", "persistentvolumes", null, "", "pv-1").allowed());
    assertTrue(ask(n1, "create", "serviceaccounts", "token", "app", "runner").allowed());
  }

  @Test
  void notWhatOtherNodesPodsUseNorAListOfThem() {
    Authorizer.Decision theirs = ask(n1, "get", "secrets", null, "app", "theirs");
    assertFalse(theirs.allowed());
    assertEquals("no relationship found between node 'n1' and this object", theirs.reason());
    assertFalse(ask(n1, "get", "secrets", null, "other-namespace", "registry").allowed());
    assertFalse(ask(n1, "list", "secrets", null, "app", null).allowed());
    assertFalse(ask(n1, "create", "serviceaccounts", "token", "app", "default").allowed());
  }

  @Test
  void theRestIsRbacsAndOthersAreRbacsAlone() {
    assertTrue(ask(n1, "get", "nodes", null, "", "n2").allowed()); // kube's node rules read every node
    assertTrue(ask(n1, "update", "pods", "status", "app", "web").allowed());
    User someone = new User("system:node:n1", List.of("system:authenticated")); // not in system:nodes
    assertFalse(ask(someone, "get", "secrets", null, "app", "registry").allowed());
    assertEquals(null, NodeAuthorizer.nodeOf(someone));
    assertEquals("n1", NodeAuthorizer.nodeOf(n1));
  }
}
