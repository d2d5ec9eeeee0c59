package io.logplane.controllers.rootca;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Controller;
import io.logplane.controllers.ControllerContext;
import io.logplane.controllers.Reconciler;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.ServiceAccountAdmission;
import io.logplane.projections.WriteRefused;
import io.logplane.projections.informers.Informer;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * As kube-controller-manager's root-ca-cert-publisher: every active namespace has a ConfigMap
 * {@code kube-root-ca.crt} whose {@code ca.crt} is the CA that signed the API server's
 * certificate, made again when deleted and set back when changed. The token volume every pod
 * gets projects it as {@code ca.crt}, which is how a client in a pod trusts the API.
 */
public final class RootCaPublisher implements Reconciler {

  static final String NAMESPACES = "core/namespaces/";
  static final String CONFIG_MAPS = "core/configmaps/";
  static final String NAME = ServiceAccountAdmission.ROOT_CA_CONFIG_MAP;
  static final String DESCRIPTION = "Contains a CA bundle that can be used to verify the kube-apiserver when using"
      + " internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is"
      + " guaranteed across distributions of Kubernetes clusters.";

  private final Informer namespaces;
  private final Informer configMaps;
  private final ObjectWriter writer;
  private final String caPem;

  private RootCaPublisher(ControllerContext ctx, String caPem) {
    this.namespaces = ctx.informers().informer(NAMESPACES);
    this.configMaps = ctx.informers().informer(CONFIG_MAPS);
    this.writer = ctx.writer("root-ca-cert-publisher");
    this.caPem = caPem;
  }

  /** Namespaces, woken too when a namespace's {@code kube-root-ca.crt} changes. */
  public static Controller controller(ControllerContext ctx, String caPem) {
    return Controller.named("root-ca-cert-publisher").reconciles(NAMESPACES)
        .watches(CONFIG_MAPS, cm -> NAME.equals(Metadata.text(cm, "name"))
            ? List.of(Key.namespaceKey(Metadata.text(cm, "namespace"))) : List.of())
        .build(new RootCaPublisher(ctx, caPem));
  }

  @Override
  public Result reconcile(String key) throws Exception {
    ObjectNode ns = namespaces.get(key);
    if (ns == null || Metadata.terminating(ns)) {
      return Result.DONE;
    }
    Key cmKey = new Key("core", "configmaps", Key.parse(key).name(), NAME);
    ObjectNode current = configMaps.get(cmKey.toString());
    try {
      if (current == null) {
        ObjectNode cm = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
        cm.putObject("metadata").put("name", NAME).put("namespace", cmKey.namespace()).putObject("annotations")
            .put("kubernetes.io/description", DESCRIPTION);
        cm.putObject("data").put("ca.crt", caPem);
        writer.create(cmKey, cm).join();
      } else if (!caPem.equals(current.path("data").path("ca.crt").asText(null)) || current.path("data").size() != 1
          || current.has("binaryData")) {
        ObjectNode cm = current.deepCopy();
        cm.remove("binaryData");
        cm.putObject("data").put("ca.crt", caPem);
        ObjectNode meta = Metadata.of(cm);
        ObjectNode annotations = meta.get("annotations") instanceof ObjectNode a ? a : meta.putObject("annotations");
        annotations.put("kubernetes.io/description", DESCRIPTION);
        writer.update(cmKey, cm).join();
      }
    } catch (CompletionException e) {
      // Written meanwhile (by a client, or the namespace going away): the next event says which.
      if (!(e.getCause() instanceof WriteRefused)) {
        throw e;
      }
    }
    return Result.DONE;
  }
}
