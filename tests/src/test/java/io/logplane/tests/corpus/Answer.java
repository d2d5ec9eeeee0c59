package io.logplane.tests.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.tests.http.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What a server answered to a case, reduced to what two servers can agree on: the status code,
 * the Status reason, and the set of causes as {@code reason field} (messages differ in wording
 * and are left out). {@code stage} is "setup" when the setup object was refused and the request
 * itself was never sent, else "".
 */
public record Answer(String stage, int code, String reason, List<String> causes) {

  public Answer {
    causes = List.copyOf(new TreeSet<>(causes));
  }

  /** The answer of a response: its code, and when the body is a Status, its reason and causes. */
  public static Answer of(Response r) {
    String reason = "";
    List<String> causes = new ArrayList<>();
    try {
      JsonNode s = io.logplane.tests.http.Api.JSON.readTree(r.body());
      if (s != null && s.path("kind").asText().equals("Status")) {
        reason = s.path("reason").asText("");
        for (JsonNode c : s.path("details").path("causes")) {
          causes.add((c.path("reason").asText("") + " " + c.path("field").asText("")).strip());
        }
      }
    } catch (IOException notJson) {
      reason = "";
    }
    return new Answer("", r.code(), r.code() < 300 ? "" : reason, causes);
  }

  /** The same answer, given to the setup request rather than to the case. */
  public Answer atSetup() {
    return new Answer("setup", code, reason, causes);
  }

  /** Read back from the map {@link #toYaml()} writes. */
  public static Answer fromJson(JsonNode n) {
    List<String> causes = new ArrayList<>();
    n.path("causes").forEach(c -> causes.add(c.asText()));
    return new Answer(n.path("stage").asText(""), n.path("code").asInt(), n.path("reason").asText(""), causes);
  }

  /** One line of flow-style YAML; strings quoted as JSON, which YAML reads alike. */
  public String toYaml() {
    StringBuilder b = new StringBuilder("{");
    if (!stage.isEmpty()) {
      b.append("stage: ").append(stage).append(", ");
    }
    b.append("code: ").append(code);
    if (!reason.isEmpty()) {
      b.append(", reason: ").append(reason);
    }
    if (!causes.isEmpty()) {
      b.append(", causes: [").append(String.join(", ", causes.stream().map(Answer::quote).toList())).append(']');
    }
    return b.append('}').toString();
  }

  /** Short, for messages: {@code 422 Invalid [FieldValueInvalid spec.x]}. */
  @Override
  public String toString() {
    return (stage.isEmpty() ? "" : stage + ": ") + code + (reason.isEmpty() ? "" : " " + reason)
        + (causes.isEmpty() ? "" : " " + causes);
  }

  static String quote(String s) {
    try {
      return io.logplane.tests.http.Api.JSON.writeValueAsString(s);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
