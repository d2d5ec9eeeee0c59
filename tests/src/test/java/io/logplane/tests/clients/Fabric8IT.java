package io.logplane.tests.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.logplane.launcher.Cluster;
import java.time.Duration;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fabric8 client (over the JDK HTTP client) against a real Logplane: CRUD and conflicts on
 * ConfigMaps and Deployments, an informer whose cache must converge to the server's list, and a
 * watch from a list's resourceVersion.
 */
class Fabric8IT {

  @TempDir static Path dir;
  static Cluster cluster;
  static KubernetesClient client;

  @BeforeAll
  static void up() throws Exception {
    cluster = Cluster.start(new Cluster.Options(dir, "127.0.0.1", 0, 0, null, 1));
    client = new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(Files.readString(cluster.kubeconfig()))).build();
  }

  @AfterAll
  static void down() {
    if (client != null) {
      client.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  /** The ConfigMap the root CA publisher keeps in every namespace, as kube's does. */
  private static final String ROOT_CA = "kube-root-ca.crt";

  /** The ConfigMaps but the root CA publisher's. */
  private static List<ConfigMap> mine(List<ConfigMap> all) {
    return all.stream().filter(c -> !c.getMetadata().getName().equals(ROOT_CA)).toList();
  }

  static String namespace(String name) {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
    return name;
  }

  static long rv(io.fabric8.kubernetes.api.model.HasMetadata o) {
    return Long.parseLong(o.getMetadata().getResourceVersion());
  }

  @Test
  void configMapLifecycle() {
    String ns = namespace("f8-cm");
    var cms = client.configMaps().inNamespace(ns);
    ConfigMap created = cms.resource(new ConfigMapBuilder().withNewMetadata().withName("app")
        .addToLabels("tier", "web").endMetadata().addToData("k", "v1").build()).create();
    assertNotNull(created.getMetadata().getUid());
    cms.resource(new ConfigMapBuilder().withNewMetadata().withName("other").addToLabels("tier", "db").endMetadata()
        .build()).create();

    ConfigMap got = cms.withName("app").get();
    assertEquals(Map.of("k", "v1"), got.getData());
    assertEquals(created.getMetadata().getResourceVersion(), got.getMetadata().getResourceVersion());

    List<ConfigMap> web = cms.withLabel("tier", "web").list().getItems();
    assertEquals(List.of("app"), web.stream().map(c -> c.getMetadata().getName()).toList());
    assertEquals(2, mine(cms.list().getItems()).size());

    ConfigMap edited = cms.withName("app").edit(c -> new ConfigMapBuilder(c).addToData("k2", "v2").build());
    assertEquals(Map.of("k", "v1", "k2", "v2"), edited.getData());
    assertTrue(rv(edited) > rv(created));

    ConfigMap patched = cms.withName("app").patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"data\":{\"k\":\"v3\"}}");
    assertEquals("v3", patched.getData().get("k"));
    ConfigMap strategic = cms.withName("app").patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
        "{\"metadata\":{\"labels\":{\"extra\":\"yes\"}}}");
    assertEquals(Map.of("tier", "web", "extra", "yes"), strategic.getMetadata().getLabels());
    assertTrue(rv(strategic) > rv(patched) && rv(patched) > rv(edited));

    ConfigMap stale = new ConfigMapBuilder(created).addToData("lost", "update").build();
    KubernetesClientException conflict = assertThrows(KubernetesClientException.class,
        () -> cms.resource(stale).update());
    assertEquals(409, conflict.getCode(), conflict.getMessage());
    assertNull(cms.withName("app").get().getData().get("lost"));

    ConfigMap current = cms.withName("app").get();
    ConfigMap replaced = cms.resource(new ConfigMapBuilder(current).withData(Map.of("only", "this")).build())
        .update();
    assertEquals(Map.of("only", "this"), replaced.getData());

    assertEquals(1, cms.withName("app").delete().size());
    assertNull(cms.withName("app").get());
    assertEquals(List.of("other"), mine(cms.list().getItems()).stream().map(c -> c.getMetadata().getName()).toList());
  }

  @Test
  void deploymentLifecycle() {
    String ns = namespace("f8-deploy");
    var deployments = client.apps().deployments().inNamespace(ns);
    Deployment created = deployments.resource(deployment("web", 2)).create();
    assertEquals(2, created.getSpec().getReplicas());
    assertEquals(1L, created.getMetadata().getGeneration());
    deployments.resource(deployment("batch", 1)).create();

    Deployment got = deployments.withName("web").get();
    assertEquals("nginx:1.27", got.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    assertEquals(List.of("web"), deployments.withLabel("app", "web").list().getItems().stream()
        .map(d -> d.getMetadata().getName()).toList());

    Deployment edited = deployments.withName("web").edit(d -> new DeploymentBuilder(d).editSpec().withReplicas(5)
        .endSpec().build());
    assertEquals(5, edited.getSpec().getReplicas());
    assertEquals(2L, edited.getMetadata().getGeneration());

    Deployment patched = deployments.withName("web").patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.28\"}]}}}}");
    var containers = patched.getSpec().getTemplate().getSpec().getContainers();
    assertEquals(1, containers.size());
    assertEquals("nginx:1.28", containers.get(0).getImage());
    assertEquals(80, containers.get(0).getPorts().get(0).getContainerPort(), "strategic merge keeps the ports");

    KubernetesClientException conflict = assertThrows(KubernetesClientException.class,
        () -> deployments.resource(new DeploymentBuilder(created).editSpec().withReplicas(9).endSpec().build())
            .update());
    assertEquals(409, conflict.getCode(), conflict.getMessage());
    assertEquals(5, deployments.withName("web").get().getSpec().getReplicas());

    assertEquals(1, deployments.withName("web").delete().size());
    assertNull(deployments.withName("web").get());
    assertEquals(1, deployments.list().getItems().size());
  }

  @Test
  void informerFollowsChangesAndItsCacheMatchesTheServer() throws Exception {
    String ns = namespace("f8-informer");
    var cms = client.configMaps().inNamespace(ns);
    cms.resource(configMap("before", "0")).create();
    BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    ResourceEventHandler<ConfigMap> handler = new ResourceEventHandler<>() {
      @Override
      public void onAdd(ConfigMap o) {
        if (!o.getMetadata().getName().equals(ROOT_CA)) {
          seen.add("ADD " + o.getMetadata().getName() + " " + o.getData());
        }
      }

      @Override
      public void onUpdate(ConfigMap old, ConfigMap o) {
        if (!o.getMetadata().getName().equals(ROOT_CA)) {
          seen.add("UPDATE " + o.getMetadata().getName() + " " + o.getData());
        }
      }

      @Override
      public void onDelete(ConfigMap o, boolean finalStateUnknown) {
        if (!o.getMetadata().getName().equals(ROOT_CA)) {
          seen.add("DELETE " + o.getMetadata().getName() + (finalStateUnknown ? " unknown" : ""));
        }
      }
    };
    try (SharedIndexInformer<ConfigMap> informer = cms.inform(handler, 0)) {
      assertTrue(informer.hasSynced());
      assertEquals("ADD before {v=0}", next(seen));
      cms.resource(configMap("after", "1")).create();
      cms.withName("after").edit(c -> new ConfigMapBuilder(c).addToData("v", "2").build());
      cms.withName("after").delete();
      assertEquals("ADD after {v=1}", next(seen));
      assertEquals("UPDATE after {v=2}", next(seen));
      assertEquals("DELETE after", next(seen));

      for (int i = 0; i < 20; i++) {
        cms.resource(configMap("cm-" + i, "x")).create();
      }
      for (int i = 0; i < 5; i++) {
        cms.withName("cm-" + i).delete();
        cms.withName("cm-" + (i + 10)).edit(c -> new ConfigMapBuilder(c).addToData("v", "y").build());
      }
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(
          () -> versions(informer.getStore().list()).equals(versions(cms.list().getItems())));
      assertEquals(16, mine(informer.getStore().list()).size());
      assertEquals("y", informer.getStore().getByKey(ns + "/cm-12").getData().get("v"));
    }
  }

  @Test
  void watchFromAListResourceVersionSeesOnlyLaterChangesInOrder() throws Exception {
    String ns = namespace("f8-watch");
    var cms = client.configMaps().inNamespace(ns);
    cms.resource(configMap("old", "0")).create();
    String listed = cms.list().getMetadata().getResourceVersion();
    BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    List<Long> versions = new java.util.concurrent.CopyOnWriteArrayList<>();
    Watcher<ConfigMap> watcher = new Watcher<>() {
      @Override
      public void eventReceived(Action action, ConfigMap o) {
        versions.add(rv(o));
        seen.add(action + " " + o.getMetadata().getName() + " " + o.getData());
      }

      @Override
      public void onClose(WatcherException cause) {
        seen.add("CLOSED " + cause);
      }
    };
    try (Watch w = cms.watch(new ListOptionsBuilder().withResourceVersion(listed).build(), watcher)) {
      cms.resource(configMap("new", "1")).create();
      cms.withName("new").edit(c -> new ConfigMapBuilder(c).addToData("v", "2").build());
      cms.withName("old").delete();
      assertEquals("ADDED new {v=1}", next(seen));
      assertEquals("MODIFIED new {v=2}", next(seen));
      assertEquals("DELETED old {v=0}", next(seen));
      assertTrue(versions.get(0) > Long.parseLong(listed), versions + " after " + listed);
      assertTrue(versions.get(0) < versions.get(1) && versions.get(1) < versions.get(2), versions.toString());
    }
  }

  private static String next(BlockingQueue<String> q) throws InterruptedException {
    String s = q.poll(20, TimeUnit.SECONDS);
    assertNotNull(s, "no event within 20 s");
    return s;
  }

  private static Map<String, String> versions(List<ConfigMap> items) {
    Map<String, String> out = new TreeMap<>();
    items.forEach(c -> out.put(c.getMetadata().getName(), c.getMetadata().getResourceVersion()));
    return out;
  }

  static ConfigMap configMap(String name, String v) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().addToData("v", v).build();
  }

  static Deployment deployment(String name, int replicas) {
    return new DeploymentBuilder().withNewMetadata().withName(name).addToLabels("app", name).endMetadata()
        .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
        .withNewSpec().addNewContainer().withName("web").withImage("nginx:1.27").addNewPort().withContainerPort(80)
        .endPort().endContainer().endSpec().endTemplate().endSpec().build();
  }
}
