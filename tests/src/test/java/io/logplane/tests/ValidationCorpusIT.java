package io.logplane.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.logplane.launcher.Cluster;
import io.logplane.tests.corpus.Answer;
import io.logplane.tests.corpus.Case;
import io.logplane.tests.corpus.Corpus;
import io.logplane.tests.corpus.Expected;
import io.logplane.tests.corpus.KnownDifferences;
import io.logplane.tests.corpus.Runner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logplane answers the validation corpus as kube-apiserver 1.28.7 did (its answers are stored
 * beside the cases): the same status code, Status reason and field causes, case by case, except
 * for the cases listed in {@code known-differences.yaml} — and those must still differ, so the
 * list shrinks as validation grows. {@code -Dcorpus.rewriteKnown=true} rewrites that list from
 * this run instead of failing.
 */
class ValidationCorpusIT {

  static final Path DIR = Path.of("src/test/resources/validation-corpus");
  static final boolean REWRITE = Boolean.getBoolean("corpus.rewriteKnown");

  @TempDir static Path dir;
  static Cluster cluster;
  static Runner runner;
  static final List<Corpus.File> files = Corpus.load(DIR);
  static final Map<String, String> known = KnownDifferences.read(DIR);
  static final Map<String, String> found = new TreeMap<>();
  static final Map<String, int[]> tally = new TreeMap<>();

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterFixture.start(dir);
    // the reference server is a bare kube-apiserver: no StorageClass, so a claim keeps the class it
    // is given (none) until a case changes it, as no default class is assigned to it
    int deleted = ClusterFixture.admin(cluster).send("DELETE", "/apis/storage.k8s.io/v1/storageclasses/local-path",
        "application/json", "").code();
    if (deleted != 200) {
      throw new IllegalStateException("the default StorageClass not deleted: " + deleted);
    }
    runner = new Runner(ClusterFixture.admin(cluster));
    files.forEach(runner::prepare);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
    if (REWRITE) {
      KnownDifferences.write(DIR, found);
    }
    int[] all = new int[2];
    StringBuilder b = new StringBuilder();
    tally.forEach((file, t) -> {
      all[0] += t[0];
      all[1] += t[1];
      b.append(String.format("  %-24s %4d cases, %4d differ%n", file, t[0], t[1]));
    });
    System.out.printf("validation corpus: %d cases, %d agree with kube-apiserver, %d differ%n%s", all[0],
        all[0] - all[1], all[1], b);
  }

  @TestFactory
  Stream<DynamicNode> corpus() {
    return files.stream().map(f -> {
      Map<String, Answer> expected = Expected.read(DIR, f.id());
      return DynamicContainer.dynamicContainer(f.id(), f.cases().stream()
          .map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c, expected.get(c.name())))));
    });
  }

  @Test
  void everyKnownDifferenceNamesACase() {
    List<String> ids = files.stream().flatMap(f -> f.cases().stream()).map(Case::id).toList();
    assertEquals(List.of(), known.keySet().stream().filter(id -> !ids.contains(id)).toList(),
        "known-differences.yaml names cases the corpus does not have");
  }

  private static void check(Case c, Answer reference) {
    if (reference == null) {
      fail(c.id() + " has no reference answer: record it with RecordReference (README.md)");
    }
    Answer logplane = runner.run(c);
    boolean differs = !logplane.equals(reference);
    int[] t = tally.computeIfAbsent(c.file(), k -> new int[2]);
    t[0]++;
    t[1] += differs ? 1 : 0;
    if (differs) {
      found.put(c.id(), known.getOrDefault(c.id(), KnownDifferences.reason(c, reference, logplane)));
    }
    if (REWRITE) {
      return;
    }
    if (differs && !known.containsKey(c.id())) {
      fail(c.id() + " (" + c.method() + " " + c.target() + "): kube-apiserver answered " + reference
          + ", Logplane " + logplane + " (a difference not listed in known-differences.yaml)");
    }
    if (!differs && known.containsKey(c.id())) {
      fail(c.id() + " now agrees with kube-apiserver (" + logplane + "): remove it from known-differences.yaml");
    }
  }
}
