package io.logplane.controllers.deployment;

import static io.logplane.controllers.deployment.Workloads.annotation;
import static io.logplane.controllers.deployment.Workloads.replicas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Metadata;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Revisions as {@code kubectl rollout history|undo|restart|pause|resume} see and make them: old
 * sets kept up to revisionHistoryLimit, an undo (kubectl writes the old set's template back)
 * turning the old set into the newest revision, a restart annotation making a new one, and no
 * rollout while paused.
 */
class RevisionsTest {

  private final Workloads w = new Workloads();

  private void rollTo(String image) throws Exception {
    w.setImage(image);
    for (int i = 0; i < 6 && !w.rolloutStatus().contains("successfully"); i++) {
      w.settle();
      w.readyAll();
    }
    w.settle();
    assertEquals("deployment \"web\" successfully rolled out", w.rolloutStatus());
  }

  @Test
  void oldSetsBeyondTheHistoryLimitGoLowestRevisionFirst() throws Exception {
    w.create(2, DeploymentControllerTest.DEFAULT);
    w.edit(spec -> spec.put("revisionHistoryLimit", 1));
    w.settle();
    w.readyAll();
    w.settle();
    rollTo("nginx:2");
    rollTo("nginx:3");
    rollTo("nginx:4");
    assertEquals(List.of("3", "4"), w.sets().stream().map(rs -> annotation(rs, Revisions.REVISION)).toList());
    assertEquals(List.of("nginx:3", "nginx:4"),
        w.sets().stream().map(rs -> rs.at("/spec/template/spec/containers/0/image").asText()).toList());
  }

  @Test
  void undoWritesTheOldTemplateBackAndTheOldSetBecomesTheNewestRevision() throws Exception {
    w.create(2, DeploymentControllerTest.DEFAULT);
    w.settle();
    w.readyAll();
    w.settle();
    rollTo("nginx:2");
    ObjectNode first = w.sets().get(0);
    // What kubectl rollout undo patches: the set's template without its pod-template-hash label,
    // as its Go struct writes it (a null creationTimestamp).
    ObjectNode template = first.at("/spec/template").deepCopy();
    ((ObjectNode) template.at("/metadata/labels")).remove(TemplateHash.LABEL);
    ((ObjectNode) template.at("/metadata")).putNull("creationTimestamp");
    w.edit(spec -> spec.set("template", template));
    for (int i = 0; i < 6 && !w.rolloutStatus().contains("successfully"); i++) {
      w.settle();
      w.readyAll();
    }
    assertEquals(2, w.sets().size(), "no new set: the old one is the Deployment's template again");
    ObjectNode again = w.cluster.get(Rollout.key(first));
    assertEquals(List.of(2, 0), List.of(replicas(again), replicas(w.sets().get(1))));
    assertEquals("3", annotation(again, Revisions.REVISION));
    assertEquals("1", annotation(again, Revisions.HISTORY));
    assertEquals("3", annotation(w.d(), Revisions.REVISION));
  }

  @Test
  void restartMakesANewRevisionOfTheSameImage() throws Exception {
    w.create(2, DeploymentControllerTest.DEFAULT);
    w.settle();
    w.readyAll();
    w.settle();
    w.edit(spec -> ((ObjectNode) spec.at("/template/metadata")).putObject("annotations")
        .put("kubectl.kubernetes.io/restartedAt", "2026-01-01T00:00:10Z"));
    for (int i = 0; i < 6 && !w.rolloutStatus().contains("successfully"); i++) {
      w.settle();
      w.readyAll();
    }
    assertEquals(List.of(0, 2), w.sets().stream().map(Workloads::replicas).toList());
    assertEquals("2", annotation(w.d(), Revisions.REVISION));
    assertEquals("2026-01-01T00:00:10Z",
        w.activePods().get(0).at("/metadata/annotations/kubectl.kubernetes.io~1restartedAt").asText());
  }

  @Test
  void aPausedDeploymentScalesButDoesNotRollOutUntilResumed() throws Exception {
    w.create(2, DeploymentControllerTest.DEFAULT);
    w.settle();
    w.readyAll();
    w.settle();
    w.edit(spec -> spec.put("paused", true));
    w.setImage("nginx:2");
    w.edit(spec -> spec.put("replicas", 4));
    w.settle();
    assertEquals(1, w.sets().size(), "no rollout while paused");
    assertEquals(4, replicas(w.sets().get(0)), "but scaled");
    assertEquals(List.of("Unknown", "DeploymentPaused"), List.of(w.condition("Progressing").path("status").asText(),
        w.condition("Progressing").path("reason").asText()));

    w.edit(spec -> spec.put("paused", false));
    w.settle();
    assertEquals(2, w.sets().size());
    assertNotEquals("DeploymentPaused", w.condition("Progressing").path("reason").asText());
    assertEquals("nginx:2", w.sets().get(1).at("/spec/template/spec/containers/0/image").asText());
    assertEquals(Metadata.text(w.sets().get(1), "name"), "web-" + TemplateHash.of(w.d().at("/spec/template"), null));
  }
}
