package io.logplane.api.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.http.ApiException;
import io.logplane.projections.Audit;
import io.logplane.projections.Json;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FiltersTest {

  private static final long T = 1_700_000_000_000L;

  @Test
  void termsParseEqualsDoubleEqualsAndNotEquals() {
    Terms t = Terms.parse("a=1,b==2,c!=3", Set.of("a", "b", "c"));
    assertEquals("1", t.required("a").orElseThrow());
    assertEquals("2", t.required("b").orElseThrow());
    assertTrue(t.required("c").isEmpty());
    assertTrue(t.test("c", "4"));
    assertFalse(t.test("c", "3"));
    assertTrue(t.test("unselected", "anything"));
  }

  @Test
  void termsRejectUnknownFieldsAndBadSyntax() {
    ApiException e = assertThrows(ApiException.class, () -> Terms.parse("spec.x=1", Set.of("a")));
    assertEquals(400, e.code());
    assertTrue(e.getMessage().contains("field label not supported: spec.x"));
    assertEquals(400, assertThrows(ApiException.class, () -> Terms.parse("a", Set.of("a"))).code());
  }

  @Test
  void groupTermsTreatCoreAndEmptyAlike() {
    assertTrue(Terms.parse("g=", Set.of("g")).testGroup("g", "core"));
    assertTrue(Terms.parse("g=core", Set.of("g")).testGroup("g", "core"));
    assertFalse(Terms.parse("g=apps", Set.of("g")).testGroup("g", "core"));
  }

  @Test
  void versionFilterNarrowsKeysByTarget() {
    VersionFilter f = new VersionFilter("target.resource=configmaps,target.name=a", "ns", Long.MIN_VALUE,
        Long.MAX_VALUE);
    assertEquals("configmaps", f.resource());
    assertNull(f.group());
    assertEquals("ns", f.namespace());
    assertTrue(f.keyMatches("core/configmaps/ns/a"));
    assertFalse(f.keyMatches("core/configmaps/other/a"));
    assertFalse(f.keyMatches("core/configmaps/ns/b"));
    assertFalse(f.keyMatches("core/secrets/ns/a"));
  }

  @Test
  void versionFilterRefusesANamespaceThatContradictsTheUrl() {
    assertThrows(ApiException.class, () -> new VersionFilter("target.namespace=b", "a", 0, 1));
  }

  @Test
  void versionFilterMatchesActorVerbTypeAndTime() {
    ObjectNode item = Json.MAPPER.createObjectNode().put("time", Times.millis(T)).put("actor", "alice")
        .put("verb", "update").put("type", "MODIFIED");
    assertTrue(new VersionFilter("actor=alice,type=MODIFIED,verb=update", null, T, T).matches(item));
    assertFalse(new VersionFilter("actor=bob", null, Long.MIN_VALUE, Long.MAX_VALUE).matches(item));
    assertFalse(new VersionFilter("type!=MODIFIED", null, Long.MIN_VALUE, Long.MAX_VALUE).matches(item));
    assertFalse(new VersionFilter(null, null, T + 1, Long.MAX_VALUE).matches(item));
    assertFalse(new VersionFilter(null, null, Long.MIN_VALUE, T - 1).matches(item));
  }

  @Test
  void auditFilterSelectsByEveryField() {
    Audit ok = new Audit(5, T, "alice", "r1", "create", "apps/deployments/ns/web", true, 201, "", "", 1);
    Audit no = new Audit(6, T + 10, "bob", "r2", "update", "core/configmaps/ns/c", false, 409, "Conflict", "x", 0);
    assertTrue(new AuditFilter("user=alice", Long.MIN_VALUE, Long.MAX_VALUE).test(ok));
    assertFalse(new AuditFilter("user=alice", Long.MIN_VALUE, Long.MAX_VALUE).test(no));
    assertTrue(new AuditFilter("verb=update,outcome=rejected", Long.MIN_VALUE, Long.MAX_VALUE).test(no));
    assertFalse(new AuditFilter("outcome=rejected", Long.MIN_VALUE, Long.MAX_VALUE).test(ok));
    assertTrue(new AuditFilter("resource=deployments,group=apps,namespace=ns,name=web", Long.MIN_VALUE,
        Long.MAX_VALUE).test(ok));
    assertTrue(new AuditFilter("group=", Long.MIN_VALUE, Long.MAX_VALUE).test(no));
    assertFalse(new AuditFilter("group=", Long.MIN_VALUE, Long.MAX_VALUE).test(ok));
    assertTrue(new AuditFilter(null, T + 5, Long.MAX_VALUE).test(no));
    assertFalse(new AuditFilter(null, T + 5, Long.MAX_VALUE).test(ok));
    assertThrows(ApiException.class, () -> new AuditFilter("outcome=maybe", 0, 1));
  }

  @Test
  void timesParseRfc3339AndRejectOtherText() {
    assertEquals(T, Times.parse("since", Times.millis(T), 0));
    assertEquals(T, Times.parse("since", "2023-11-14T23:13:20+01:00", 0));
    assertEquals(-1, Times.parse("since", null, -1));
    assertEquals(400, assertThrows(ApiException.class, () -> Times.parse("since", "yesterday", 0)).code());
    assertEquals("2023-11-14T22:13:20.000000Z", Times.micros(T));
  }

  @Test
  void cursorsRoundTripAndOrder() {
    Cursor c = new Cursor(12, "core/configmaps/ns/a");
    assertEquals(c, Cursor.parse(c.token()));
    assertTrue(new Cursor(12, Cursor.END).compareTo(c) > 0);
    assertTrue(new Cursor(11, Cursor.END).compareTo(c) < 0);
    assertEquals(400, assertThrows(ApiException.class, () -> Cursor.parse("nope")).code());
  }

  @Test
  void aContinueTokenThatDoesNotDecodeIsNamedWithoutTheParsersWords() {
    for (String bad : new String[] {"nope", "%%%", "np6e", Base64.getUrlEncoder().encodeToString(new byte[] {
        (byte) 0x9e, 1, 2}), Base64.getUrlEncoder().encodeToString("{\"o\":\"x\",\"k\":1}".getBytes())}) {
      ApiException e = assertThrows(ApiException.class, () -> Cursor.parse(bad));
      assertEquals(400, e.code());
      assertTrue(e.getMessage().startsWith("continue: Invalid value: "), e.getMessage());
      assertFalse(e.getMessage().contains("Source") || e.getMessage().contains("byte"), e.getMessage());
    }
  }

  @Test
  void bothResourcesTakeTheSameFieldNamesAndCases() {
    Audit refused = new Audit(6, T, "bob", "r2", "update", "apps/deployments/ns/web", false, 409, "Conflict", "x", 0);
    ObjectNode item = Json.MAPPER.createObjectNode().put("time", Times.millis(T)).put("actor", "bob")
        .put("verb", "update").put("type", "REJECTED");
    for (String sel : List.of("outcome=rejected", "outcome=Rejected", "type=REJECTED", "type=rejected",
        "user=bob", "actor=bob", "verb=update")) {
      assertTrue(new AuditFilter(sel, Long.MIN_VALUE, Long.MAX_VALUE).test(refused), sel);
      assertTrue(new VersionFilter(sel, null, Long.MIN_VALUE, Long.MAX_VALUE).matches(item), sel);
    }
    for (String sel : List.of("outcome=accepted", "type!=REJECTED", "user=alice")) {
      assertFalse(new AuditFilter(sel, Long.MIN_VALUE, Long.MAX_VALUE).test(refused), sel);
      assertFalse(new VersionFilter(sel, null, Long.MIN_VALUE, Long.MAX_VALUE).matches(item), sel);
    }
    assertEquals(400, assertThrows(ApiException.class, () -> new AuditFilter("type=MODIFIED", 0, 1)).code());
    assertEquals(400, assertThrows(ApiException.class, () -> new VersionFilter("type=CHANGED", null, 0, 1)).code());
    assertEquals(400, assertThrows(ApiException.class, () -> new VersionFilter("outcome=maybe", null, 0, 1)).code());
  }

  @Test
  void aResourceMatchesAsTheTablesPrintIt() {
    Audit deploy = new Audit(5, T, "alice", "r1", "create", "apps/deployments/ns/web", true, 201, "", "", 1);
    Audit cm = new Audit(6, T, "alice", "r1", "create", "core/configmaps/ns/c", true, 201, "", "", 1);
    assertTrue(new AuditFilter("resource=deployments.apps", Long.MIN_VALUE, Long.MAX_VALUE).test(deploy));
    assertFalse(new AuditFilter("resource=deployments.batch", Long.MIN_VALUE, Long.MAX_VALUE).test(deploy));
    assertFalse(new AuditFilter("resource!=deployments.apps", Long.MIN_VALUE, Long.MAX_VALUE).test(deploy));
    assertTrue(new AuditFilter("resource=configmaps", Long.MIN_VALUE, Long.MAX_VALUE).test(cm));
    VersionFilter f = new VersionFilter("resource=deployments.apps,name=web", "ns", Long.MIN_VALUE, Long.MAX_VALUE);
    assertEquals("deployments", f.resource());
    assertEquals("apps", f.group());
    assertEquals("web", f.name());
    assertTrue(f.keyMatches("apps/deployments/ns/web"));
    assertFalse(f.keyMatches("extensions/deployments/ns/web"));
    assertTrue(new VersionFilter("target.resource=configmaps", null, 0, 1).keyMatches("core/configmaps/ns/c"));
  }

  @Test
  void sinceAndUntilAreFieldsToo() {
    Audit a = new Audit(5, T, "alice", "r1", "create", "apps/deployments/ns/web", true, 201, "", "", 1);
    assertTrue(new AuditFilter("since=" + Times.millis(T), Long.MIN_VALUE, Long.MAX_VALUE).test(a));
    assertFalse(new AuditFilter("since=" + Times.millis(T + 1), Long.MIN_VALUE, Long.MAX_VALUE).test(a));
    assertFalse(new AuditFilter("until=" + Times.millis(T - 1), Long.MIN_VALUE, Long.MAX_VALUE).test(a));
    assertEquals(T + 1, new AuditFilter("since=" + Times.millis(T + 1), T, Long.MAX_VALUE).since());
    ObjectNode item = Json.MAPPER.createObjectNode().put("time", Times.millis(T)).put("type", "ADDED");
    assertFalse(new VersionFilter("since=" + Times.millis(T + 1), null, Long.MIN_VALUE, Long.MAX_VALUE)
        .matches(item));
    ApiException e = assertThrows(ApiException.class, () -> new AuditFilter("since=yesterday", 0, 1));
    assertTrue(e.getMessage().startsWith("fieldSelector: "), e.getMessage());
    assertEquals(400, assertThrows(ApiException.class, () -> new AuditFilter("since!=" + Times.millis(T), 0, 1))
        .code());
  }

  @Test
  void versionsSelectByTheLabelsOfTheObjectAtThatVersion() {
    ObjectNode item = Json.MAPPER.createObjectNode().put("time", Times.millis(T)).put("type", "REJECTED");
    VersionFilter f = new VersionFilter(null, io.logplane.selectors.LabelSelector.parse("app=web"), null,
        Long.MIN_VALUE, Long.MAX_VALUE);
    assertTrue(f.matches(item, Json.MAPPER.createObjectNode().put("app", "web")));
    assertFalse(f.matches(item, Json.MAPPER.createObjectNode().put("app", "db")));
    assertFalse(f.matches(item, null));
  }
}
