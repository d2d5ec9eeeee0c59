package io.logplane.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Change;
import io.logplane.projections.Event;
import io.logplane.projections.Json;
import io.logplane.selectors.LabelSelector;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The transitions a selector watch sends, judged on the object before and after each change. */
class SelectorViewTest {

  static final String KEY = "core/configmaps/ns/a";
  static final LabelSelector WEB = LabelSelector.parse("app=web");
  static final Predicate<JsonNode> SELECTOR = o -> WEB.matches(o.path("metadata").get("labels"));

  /** What the store's version index answers: the JSON before a change, by offset. */
  final Map<Long, byte[]> stored = new HashMap<>();
  final SelectorView view = new SelectorView("core/configmaps/ns/", SELECTOR, (key, offset) -> stored.get(offset));

  static ObjectNode cm(String app, long rv) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    ObjectNode meta = o.putObject("metadata").put("name", "a").put("resourceVersion", Long.toString(rv));
    if (app != null) {
      meta.putObject("labels").put("app", app);
    }
    return o;
  }

  static Event modified(long offset, ObjectNode now, ObjectNode before) {
    return new Event(offset, Change.Type.MODIFIED, KEY, now, Json.bytes(now), before);
  }

  static String seen(Event e) {
    return e == null ? "nothing" : e.type() + " " + e.object().path("metadata").path("labels").path("app").asText()
        + " " + e.object().path("metadata").path("resourceVersion").asText() + " " + Json.object(e.json()).equals(e.object());
  }

  @Test
  void aFreshChangeIsJudgedOnTheObjectItCarriesFromBefore() {
    assertEquals("ADDED web 5 true", seen(view.apply(modified(5, cm("web", 5), cm(null, 4)))));
    assertEquals("MODIFIED web 6 true", seen(view.apply(modified(6, cm("web", 6), cm("web", 5)))));
    // The object as the watcher last saw it, at the change's resourceVersion, its JSON the same.
    assertEquals("DELETED web 7 true", seen(view.apply(modified(7, cm("db", 7), cm("web", 6)))));
    assertEquals("nothing", seen(view.apply(modified(8, cm("db", 8), cm("db", 7)))));
  }

  @Test
  void aReplayedChangeReadsTheObjectBeforeItFromTheStore() {
    stored.put(7L, Json.bytes(cm("web", 6)));
    stored.put(9L, Json.bytes(cm(null, 8)));
    Event replayed = new Event(7, Change.Type.MODIFIED, KEY, null, Json.bytes(cm("db", 7)));
    assertEquals("DELETED web 7 true", seen(view.apply(replayed)));
    assertEquals("ADDED web 9 true", seen(view.apply(new Event(9, Change.Type.MODIFIED, KEY, null,
        Json.bytes(cm("web", 9))))));
  }

  @Test
  void aChangeWhoseObjectBeforeIsNoLongerHeldIsJudgedOnItsResult() {
    assertEquals("MODIFIED web 5 true", seen(view.apply(new Event(5, Change.Type.MODIFIED, KEY, null,
        Json.bytes(cm("web", 5))))));
    assertEquals("nothing", seen(view.apply(new Event(6, Change.Type.MODIFIED, KEY, null, Json.bytes(cm("db", 6))))));
  }

  @Test
  void addsAndDeletesPassOnTheirObjectAndOtherKeysNever() {
    Event added = new Event(3, Change.Type.ADDED, KEY, cm("web", 3), Json.bytes(cm("web", 3)));
    assertSame(added, view.apply(added));
    assertNull(view.apply(new Event(4, Change.Type.DELETED, KEY, cm("db", 4), Json.bytes(cm("db", 4)))));
    assertNull(view.apply(new Event(5, Change.Type.ADDED, "core/configmaps/other/a", cm("web", 5), null)));
    SelectorView all = new SelectorView("core/configmaps/ns/", null, (key, offset) -> {
      throw new AssertionError("a watch without selectors reads nothing");
    });
    Event change = modified(6, cm("db", 6), cm("web", 5));
    assertSame(change, all.apply(change));
  }
}
