package io.logplane.projections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.events.Command;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An update without managedFields keeps the stored ones, as kube's field manager does for
 * clients that do not know them (the controllers here write from caches that drop them); an
 * empty list, the API's word for none left, removes them.
 */
class ManagedFieldsKeptTest {

  private static final String KEY = "core/configmaps/default/c";
  private final StateMachine machine = new StateMachine(Set.of());
  private final MemoryState state = new MemoryState();

  ManagedFieldsKeptTest() {
    state.objects.put("core/namespaces//default", Json.object(
        "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"default\"}}"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Test
  void anUpdateWithoutThemKeepsTheStoredOnes() {
    ObjectNode stored = write(new Command.Create(meta(1), KEY, map("a", "[{\"manager\":\"kubectl\"}]")), 1);
    ObjectNode next = map("b", null);
    ObjectNode updated = write(new Command.Update(meta(2), KEY, 1, "", next), 2);
    assertEquals("b", updated.path("data").path("k").asText());
    assertEquals(stored.path("metadata").get("managedFields"), updated.path("metadata").get("managedFields"));
  }

  @Test
  void anEmptyListRemovesThem() {
    write(new Command.Create(meta(1), KEY, map("a", "[{\"manager\":\"kubectl\"}]")), 1);
    ObjectNode updated = write(new Command.Update(meta(2), KEY, 1, "", map("a", "[]")), 2);
    assertFalse(updated.path("metadata").has("managedFields"), updated.toString());
  }

  @Test
  void anUpdateWithOthersStoresThose() {
    write(new Command.Create(meta(1), KEY, map("a", "[{\"manager\":\"kubectl\"}]")), 1);
    ObjectNode updated = write(new Command.Update(meta(2), KEY, 1, "", map("c",
        "[{\"manager\":\"other\"}]")), 2);
    assertEquals("other", updated.path("metadata").path("managedFields").path(0).path("manager").asText());
  }

  private ObjectNode write(Command command, long offset) {
    Outcome o = machine.apply(state, offset, command);
    assertInstanceOf(Outcome.Accepted.class, o, o.toString());
    state.apply(o);
    return state.get(KEY);
  }

  private static ObjectNode map(String value, String managedFields) {
    String managed = managedFields == null ? "" : ",\"managedFields\":" + managedFields;
    return Json.object(("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\","
        + "\"namespace\":\"default\"" + managed + "},\"data\":{\"k\":\"" + value + "\"}}").getBytes(
        java.nio.charset.StandardCharsets.UTF_8));
  }

  private static Command.Meta meta(long n) {
    return new Command.Meta("tester", "r" + n, 1_700_000_000_000L + n);
  }
}
