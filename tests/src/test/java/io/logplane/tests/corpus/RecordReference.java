package io.logplane.tests.corpus;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.logplane.tests.http.Api;
import io.logplane.tests.http.Response;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Not a test: the recorder of the reference's answers, run by hand against a fresh
 * kube-apiserver (its objects from an earlier run would turn creates into conflicts). Its name
 * matches neither surefire's nor failsafe's patterns, so only naming it runs it:
 * <pre>
 * mvn -B -o -pl tests -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test=RecordReference -Dcorpus.kubeconfig=/path/to/kubeconfig \
 *   "-Dcorpus.server=kube-apiserver v1.28.7"
 * </pre>
 * It sends every case of the corpus to the server of the kubeconfig's current context and
 * rewrites each {@code <file>.expected.yaml} with the answers, under a header that names the
 * server as {@code -Dcorpus.server} says (a build from source reports no release in /version).
 */
class RecordReference {

  static final Path DIR = Path.of("src/test/resources/validation-corpus");

  @Test
  void record() {
    String kubeconfig = System.getProperty("corpus.kubeconfig");
    assertNotNull(kubeconfig, "-Dcorpus.kubeconfig=FILE names the server to record");
    Api api = Api.of(Path.of(kubeconfig));
    String server = System.getProperty("corpus.server");
    if (server == null) {
      Response version = api.get("/version");
      server = "kube-apiserver " + version.json().path("gitVersion").asText("(version unknown)");
    }
    Runner runner = new Runner(api);
    for (Corpus.File file : Corpus.load(DIR)) {
      runner.prepare(file);
      Map<String, Answer> answers = new LinkedHashMap<>();
      for (Case c : file.cases()) {
        answers.put(c.name(), runner.run(c));
      }
      Expected.write(DIR, file.id(), server, answers);
    }
  }
}
