package io.logplane.controllers.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Metadata;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An Indexed Job: one pod per index with its annotation, label, hostname and variable; completedIndexes as intervals. */
class IndexedJobTest {

  private final JobFixture f = new JobFixture();

  @Test
  void eachIndexRunsUntilItSucceeded() throws Exception {
    f.job("\"completions\": 4, \"parallelism\": 2, \"completionMode\": \"Indexed\"");
    f.reconcile();
    List<ObjectNode> pods = f.pods();
    assertEquals(List.of(0, 1), pods.stream().map(Pods::index).toList());
    ObjectNode first = pods.get(0);
    assertEquals("x-0-", Metadata.text(first, "generateName"));
    assertEquals("0", first.at("/metadata/labels/batch.kubernetes.io~1job-completion-index").asText());
    assertEquals("x-0", first.at("/spec/hostname").asText());
    assertEquals("JOB_COMPLETION_INDEX", first.at("/spec/containers/0/env/0/name").asText());
    assertEquals("metadata.labels['batch.kubernetes.io/job-completion-index']",
        first.at("/spec/containers/0/env/0/valueFrom/fieldRef/fieldPath").asText());

    f.end(pods.get(1), 0);
    f.end(pods.get(0), 1);
    f.reconcile();
    assertEquals("1", f.status().path("completedIndexes").asText());
    assertEquals(1, f.status().path("succeeded").asInt());
    // a success ended with the failure: kube's backoff record starts over, index 0 is made again at once
    assertEquals(List.of(0, 2), f.running().stream().map(Pods::index).sorted().toList());
    for (ObjectNode p : f.running()) {
      f.end(p, 0);
    }
    f.reconcile();
    assertEquals("0-2", f.status().path("completedIndexes").asText());
    f.reconcile();
    f.end(f.running().get(0), 0);
    f.reconcile();
    assertEquals("0-3", f.status().path("completedIndexes").asText());
    assertEquals(4, f.status().path("succeeded").asInt());
    assertEquals(1, f.status().path("failed").asInt());
    assertTrue(Jobs.conditionTrue(f.stored(), Jobs.COMPLETE));
  }

  @Test
  void intervalsReadAndWriteAsKubes() {
    assertEquals("1,3-5,7", Indexes.parse("1,3-4,5,7,9", 8).toString());
    assertEquals(List.of(0, 2, 6), Indexes.parse("1,3-5", 7).firstPending(List.of(), 3, 7));
    assertEquals(List.of(2, 6), Indexes.parse("1,3-5", 7).firstPending(List.of(0), 5, 7));
  }
}
