package io.logplane.tests.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The corpus reads as its README says, and every case has its reference answer beside it. */
class CorpusTest {

  @TempDir Path tmp;

  @Test
  void everyCaseHasAReferenceAnswerAndEveryAnswerACase() {
    List<Corpus.File> files = Corpus.load(RecordReference.DIR);
    assertTrue(files.stream().mapToInt(f -> f.cases().size()).sum() >= 300, "hundreds of cases");
    for (Corpus.File f : files) {
      Map<String, Answer> expected = Expected.read(RecordReference.DIR, f.id());
      assertEquals(f.cases().stream().map(Case::name).toList(), List.copyOf(expected.keySet()),
          f.id() + ".expected.yaml answers other cases than " + f.id() + ".yaml: record it again");
    }
  }

  @Test
  void casesResolveAgainstTheBase() throws IOException {
    Files.writeString(tmp.resolve("thing.yaml"), """
        path: /api/v1/namespaces/n/things
        namespace: n
        base: {kind: Thing, spec: {a: 1, b: [x]}}
        cases:
        - name: plain
        - name: changed
          with: {spec: {a: null, b: [y]}, metadata: {labels: {k: "$repeat(3,ab)"}}}
        - name: patched
          method: PATCH
          patch: json
          query: dryRun=All
          setup: {spec: {c: 2}}
          body: [{op: remove, path: /spec/a}]
        - name: generated
          with: {metadata: {generateName: g-}}
        """, StandardCharsets.UTF_8);
    List<Case> cases = Corpus.load(tmp).get(0).cases();
    assertEquals("{\"kind\":\"Thing\",\"spec\":{\"a\":1,\"b\":[\"x\"]},\"metadata\":{\"name\":\"plain\"}}",
        text(cases.get(0).body()));
    assertEquals("POST /api/v1/namespaces/n/things", cases.get(0).method() + " " + cases.get(0).target());
    assertEquals("{\"kind\":\"Thing\",\"spec\":{\"b\":[\"y\"]},\"metadata\":{\"labels\":{\"k\":\"ababab\"},"
        + "\"name\":\"changed\"}}", text(cases.get(1).body()));
    Case patched = cases.get(2);
    assertEquals("PATCH /api/v1/namespaces/n/things/patched?dryRun=All", patched.method() + " " + patched.target());
    assertEquals("application/json-patch+json", patched.contentType());
    JsonNode setup = patched.setup();
    assertEquals(2, setup.path("spec").path("c").asInt());
    assertEquals("patched", setup.path("metadata").path("name").asText());
    assertFalse(text(cases.get(3).body()).contains("\"name\""));
  }

  @Test
  void aBrokenCaseNamesItself() throws IOException {
    Files.writeString(tmp.resolve("bad.yaml"), "path: /x\ncases:\n- name: one\n  wiht: {}\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Corpus.load(tmp));
    assertTrue(e.getMessage().startsWith("bad/one: unknown key 'wiht'"), e.getMessage());
  }

  @Test
  void answersRoundTripThroughTheirYaml() throws IOException {
    Answer a = new Answer("", 422, "Invalid", List.of("FieldValueRequired spec.b", "FieldValueInvalid spec.a[0]"));
    assertEquals(List.of("FieldValueInvalid spec.a[0]", "FieldValueRequired spec.b"), a.causes());
    Expected.write(tmp, "k", "a server", Map.of("c", a));
    assertEquals(a, Expected.read(tmp, "k").get("c"));
    assertEquals("c: {code: 422, reason: Invalid, causes: [\"FieldValueInvalid spec.a[0]\", "
        + "\"FieldValueRequired spec.b\"]}", Files.readAllLines(Expected.file(tmp, "k")).get(1));
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
