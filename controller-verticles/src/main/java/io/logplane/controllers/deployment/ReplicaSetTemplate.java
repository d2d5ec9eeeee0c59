package io.logplane.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.workload.Owners;
import io.logplane.projections.Metadata;

/**
 * The ReplicaSet a Deployment's template makes: named {@code <deployment>-<hash>}, its labels,
 * selector and template labels those of the Deployment plus {@code pod-template-hash}, owned by
 * the Deployment as its controller.
 */
final class ReplicaSetTemplate {

  private ReplicaSetTemplate() {}

  static ObjectNode of(Rollout r, Integer collisionCount) {
    JsonNode spec = r.d().path("spec");
    String hash = TemplateHash.of(spec.path("template"), collisionCount);
    ObjectNode template = spec.path("template").deepCopy();
    ObjectNode templateMeta = Metadata.of(template);
    ObjectNode labels = templateMeta.get("labels") instanceof ObjectNode l ? l : templateMeta.putObject("labels");
    labels.put(TemplateHash.LABEL, hash);
    ObjectNode selector = spec.path("selector").deepCopy();
    ObjectNode matchLabels = selector.get("matchLabels") instanceof ObjectNode m ? m : selector.putObject("matchLabels");
    matchLabels.put(TemplateHash.LABEL, hash);

    ObjectNode rs = r.d().objectNode();
    rs.put("apiVersion", "apps/v1");
    rs.put("kind", "ReplicaSet");
    ObjectNode meta = rs.putObject("metadata");
    meta.put("name", r.name() + "-" + hash);
    meta.put("namespace", Metadata.text(r.d(), "namespace"));
    meta.set("labels", labels.deepCopy());
    meta.putArray("ownerReferences").add(Owners.newControllerRef(r.d(), "apps/v1", "Deployment"));
    ObjectNode rsSpec = rs.putObject("spec");
    rsSpec.put("replicas", 0);
    rsSpec.put("minReadySeconds", spec.path("minReadySeconds").asInt());
    rsSpec.set("selector", selector);
    rsSpec.set("template", template);
    return rs;
  }
}
