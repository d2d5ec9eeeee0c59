package io.logplane.controllers.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutesTest {

  private static ObjectNode ingress(String name, String created, String spec) {
    return obj(("{'metadata':{'name':'" + name + "','namespace':'ns','creationTimestamp':'" + created
        + "'},'spec':" + spec + "}").replace('\'', '"'));
  }

  private static ObjectNode obj(String json) {
    return Json.object(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String path(String type, String path, String svc) {
    return "{'pathType':'" + type + "','path':'" + path + "','backend':{'service':{'name':'" + svc
        + "','port':{'number':80}}}}";
  }

  private static String rule(String host, String... paths) {
    return "{" + (host == null ? "" : "'host':'" + host + "',") + "'http':{'paths':[" + String.join(",", paths) + "]}}";
  }

  private static String service(Routes routes, String host, String uri) {
    Backend b = routes.match(host, uri);
    return b == null ? null : b.service();
  }

  @Test
  void prefixMatchesByPathElements() {
    assertTrue(Paths.matches("Prefix", "/foo", "/foo"));
    assertTrue(Paths.matches("Prefix", "/foo", "/foo/"));
    assertTrue(Paths.matches("Prefix", "/foo/", "/foo"));
    assertTrue(Paths.matches("Prefix", "/foo/bar", "/foo/bar/baz"));
    assertFalse(Paths.matches("Prefix", "/foo/bar", "/foo/barbaz"));
    assertTrue(Paths.matches("Prefix", "/", "/anything"));
    assertTrue(Paths.matches("ImplementationSpecific", "/aaa", "/aaa/ccc"));
    assertFalse(Paths.matches("Exact", "/foo", "/foo/"));
    assertFalse(Paths.matches("Exact", "/foo", "/FOO"));
    assertEquals("/a/b", Paths.of("/a/b?x=1#f"));
    assertEquals("/", Paths.of("?x"));
  }

  @Test
  void wildcardHostsMatchOneLabel() {
    assertTrue(Hosts.matches("*.example.com", "a.example.com"));
    assertFalse(Hosts.matches("*.example.com", "example.com"));
    assertFalse(Hosts.matches("*.example.com", "a.b.example.com"));
    assertFalse(Hosts.matches("*.example.com", ".example.com"));
    assertEquals("foo.com", Hosts.normalize("FOO.com:8080"));
    assertEquals("[::1]", Hosts.normalize("[::1]"));
  }

  @Test
  void longestPathWinsAndExactBeatsPrefixOfTheSameLength() {
    Routes r = Routes.of(List.of(ingress("a", "2024-01-01T00:00:00Z", "{'rules':[" + rule("foo.com",
        path("Prefix", "/", "root"), path("Prefix", "/api", "api"), path("Exact", "/api", "exact"),
        path("Prefix", "/api/v2/", "v2")) + "]}")));
    assertEquals("root", service(r, "foo.com", "/"));
    assertEquals("root", service(r, "foo.com", "/apix"));
    assertEquals("exact", service(r, "foo.com", "/api"));
    assertEquals("api", service(r, "foo.com", "/api/v1"));
    assertEquals("v2", service(r, "foo.com", "/api/v2"));
    assertEquals("v2", service(r, "foo.com:80", "/api/v2/x?y=1"));
  }

  @Test
  void preciseHostBeforeWildcardBeforeHostless() {
    Routes r = Routes.of(List.of(ingress("a", "2024-01-01T00:00:00Z", "{'rules':[" + rule("foo.bar.com",
        path("Prefix", "/", "precise")) + "," + rule("*.bar.com", path("Prefix", "/", "wild")) + ","
        + rule(null, path("Prefix", "/any", "hostless")) + "]}")));
    assertEquals("precise", service(r, "foo.bar.com", "/"));
    assertEquals("wild", service(r, "baz.bar.com", "/x"));
    assertEquals("hostless", service(r, "other.com", "/any"));
    assertNull(service(r, "other.com", "/"));
    // A host's server does not fall through to the host-less rules.
    assertNull(service(r, "baz.bar.com.evil", "/"));
  }

  @Test
  void defaultBackendOfTheOldestIngressServesWhatNoRuleMatches() {
    Routes r = Routes.of(List.of(
        ingress("new", "2024-02-01T00:00:00Z", "{'defaultBackend':{'service':{'name':'newer','port':{'number':80}}}}"),
        ingress("old", "2024-01-01T00:00:00Z", "{'defaultBackend':{'service':{'name':'older','port':{'number':80}}},"
            + "'rules':[" + rule("foo.com", path("Exact", "/x", "x")) + "]}")));
    assertEquals("x", service(r, "foo.com", "/x"));
    assertEquals("older", service(r, "foo.com", "/y"));
    assertEquals("older", service(r, "nothing.com", "/"));
    assertNull(Routes.EMPTY.match("foo.com", "/"));
  }

  @Test
  void theOlderIngressWinsTheSamePath() {
    Routes r = Routes.of(List.of(
        ingress("b", "2024-02-01T00:00:00Z", "{'rules':[" + rule("foo.com", path("Prefix", "/", "second")) + "]}"),
        ingress("a", "2024-01-01T00:00:00Z", "{'rules':[" + rule("foo.com", path("Prefix", "/", "first")) + "]}")));
    assertEquals("first", service(r, "foo.com", "/"));
  }

  @Test
  void tlsSecretsAreChosenByServerName() {
    Routes r = Routes.of(List.of(ingress("a", "2024-01-01T00:00:00Z", "{'tls':[{'hosts':['a.com'],'secretName':'a'},"
        + "{'hosts':['*.w.com'],'secretName':'w'},{'secretName':'implicit'}],'rules':[" + rule("b.com",
        path("Prefix", "/", "b")) + "]}")));
    assertEquals("core/secrets/ns/a", r.secretFor("a.com"));
    assertEquals("core/secrets/ns/w", r.secretFor("x.w.com"));
    assertEquals("core/secrets/ns/implicit", r.secretFor("b.com"));
    assertNull(r.secretFor("c.com"));
    assertNull(r.secretFor(null));
  }

  @Test
  void backendsByPortNameOrNumber() {
    Backend named = new Backend("k", "ns", "s", 0, "http");
    Backend numbered = new Backend("k", "ns", "s", 8080, null);
    assertTrue(named.matches(obj("{\"name\":\"http\",\"port\":80}")));
    assertFalse(numbered.matches(obj("{\"name\":\"http\",\"port\":80}")));
    assertTrue(numbered.matches(obj("{\"port\":8080}")));
  }
}
