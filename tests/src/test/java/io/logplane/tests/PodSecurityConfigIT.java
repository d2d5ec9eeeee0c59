package io.logplane.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logplane.launcher.Cluster;
import io.logplane.projections.Json;
import io.logplane.projections.podsecurity.PodSecurityConfiguration;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PodSecurity admission under a server configuration ({@code --admission-control-config-file},
 * kube's AdmissionConfiguration): its defaults hold an unlabelled namespace to baseline, and
 * writes exempt by namespace, user or runtime class are admitted unchecked, their audit events
 * saying why, through kubectl.
 */
class PodSecurityConfigIT {

  @TempDir static Path dir;
  static Cluster cluster;
  static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    PodSecurityConfiguration config = PodSecurityConfiguration.of(Json.MAPPER.readTree(("{'kind':"
        + "'AdmissionConfiguration','plugins':[{'name':'PodSecurity','configuration':{'kind':"
        + "'PodSecurityConfiguration','defaults':{'enforce':'baseline'},'exemptions':{'usernames':['ci-bot'],"
        + "'runtimeClasses':['kata'],'namespaces':['legacy']}}}]}").replace('\'', '"')));
    cluster = Cluster.start(new Cluster.Options(dir.resolve("data"), "127.0.0.1", 0, 0, null, 1)
        .withPodSecurity(config));
    kubectl = new Kubectl(cluster.kubeconfig(), dir);
    kubectl.ok("create", "namespace", "legacy");
    kubectl.ok("create", "clusterrolebinding", "ci-bot-edits", "--clusterrole=edit", "--user=ci-bot");
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static String privileged(String name, String runtimeClass) throws Exception {
    return kubectl.manifest(name + ".yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: " + name + "}\nspec:\n"
        + (runtimeClass == null ? "" : "  runtimeClassName: " + runtimeClass + "\n")
        + "  containers: [{name: c, image: busybox, securityContext: {privileged: true}}]\n");
  }

  @Test
  void theDefaultsHoldAnUnlabelledNamespaceToBaseline() throws Exception {
    Kubectl.Result refused = kubectl.run("apply", "-f", privileged("root", null));
    assertEquals(1, refused.exit(), refused.all());
    assertTrue(refused.err().contains("pods \"root\" is forbidden: violates PodSecurity \"baseline:latest\": "
        + "privileged (container \"c\" must not set securityContext.privileged=true)"), refused.all());
  }

  @Test
  void exemptWritesAreAdmittedAndTheAuditSaysWhy() throws Exception {
    kubectl.ok("apply", "-n", "legacy", "-f", privileged("by-namespace", null));
    kubectl.ok("--as=ci-bot", "apply", "-f", privileged("by-user", null));
    kubectl.ok("apply", "-f", privileged("by-runtime-class", "kata"));
    String audit = kubectl.ok("get", "--raw", "/apis/history.logplane.io/v1/auditevents?format=audit.k8s.io").out();
    for (String why : new String[] {"namespace", "user", "runtimeClass"}) {
      assertTrue(audit.contains("\"pod-security.kubernetes.io/exempt\":\"" + why + "\""), why + " in " + audit);
    }
  }
}
